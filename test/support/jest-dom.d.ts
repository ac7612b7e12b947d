// Types of the jest-dom matchers registered for jsdom tests by setup-after-env.js (expect(...).toBeInTheDocument()).
/// <reference types="@testing-library/jest-dom" />
