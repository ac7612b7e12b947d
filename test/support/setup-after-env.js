// jest-dom matchers (toBeInTheDocument, toHaveTextContent, toHaveAttribute…) for the jsdom tests. Node tests skip
// them: loading the matchers costs about 0.2 s per test file. Types: test/support/jest-dom.d.ts.
if (typeof globalThis.window !== 'undefined') require('@testing-library/jest-dom');
