// jsdom lacks ResizeObserver, which Fluent UI v9 uses; a no-op is enough for layout-free tests.
if (typeof globalThis.window !== 'undefined' && typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// jsdom's environment has no TextDecoder/TextEncoder (every browser has them, and Node too): the .xlsx reader and
// writer the demo loads use them, so the pane tests get Node's.
if (typeof globalThis.TextDecoder === 'undefined' || typeof globalThis.TextEncoder === 'undefined') {
  const util = require('node:util');
  globalThis.TextDecoder = util.TextDecoder;
  globalThis.TextEncoder = util.TextEncoder;
}
