/** The app version (package.json), injected by webpack's DefinePlugin; undefined where no bundler ran (tests). */
declare const __TTM_VERSION__: string | undefined;

export const APP_VERSION: string | undefined = typeof __TTM_VERSION__ === 'string' ? __TTM_VERSION__ : undefined;
