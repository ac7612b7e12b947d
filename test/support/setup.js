// jsdom lacks ResizeObserver, which Fluent UI v9 uses; a no-op is enough for layout-free tests.
if (typeof globalThis.window !== 'undefined' && typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
