/**
 * Sideloading set-up: the dev server's certificate and `npm start`.
 * - `webpack serve` on Windows/macOS takes its https options from office-addin-dev-certs (a CA the system trusts:
 *   WebView2 and WKWebView refuse untrusted certificates); on Linux, and for every build, the package is never
 *   loaded (it cannot install its CA on Linux, and builds and tests must not depend on it).
 * - Each page carries its own Content-Security-Policy: Microsoft's office.js CDN on the add-in page only.
 * - `npm start` runs an exact version of office-addin-debugging through npx; it is not a dependency (its tree pulls
 *   keytar, whose native build fails here and would break `npm ci`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/validate-manifest';

type Https = string | { type: string; options: Record<string, unknown> };
interface WebpackConfigModule {
  (
    env: Record<string, unknown>,
    argv: { mode?: string },
  ): Promise<{
    devServer: { server: Https };
    plugins: { options?: { filename?: string; page?: string; csp?: string; officeJs?: string } }[];
  }>;
  devServerHttps(env: Record<string, unknown>, platform: string, load: () => unknown): Promise<Https>;
  contentSecurityPolicy(page: 'addin' | 'demo'): string;
}

const config = jest.requireActual<WebpackConfigModule>('../webpack.config.js');
const fakeCerts = { ca: 'CA', cert: 'CERT', key: 'KEY' };

test('webpack serve on Windows and macOS uses office-addin-dev-certs; builds and Linux never load it', async () => {
  for (const platform of ['win32', 'darwin']) {
    const load = jest.fn(() => ({ getHttpsServerOptions: () => Promise.resolve(fakeCerts) }));
    expect(await config.devServerHttps({ WEBPACK_SERVE: true }, platform, load)).toEqual({
      type: 'https',
      options: fakeCerts,
    });
    expect(load).toHaveBeenCalledTimes(1);
  }
  const never = jest.fn(() => {
    throw new Error('office-addin-dev-certs must not be loaded here');
  });
  expect(await config.devServerHttps({ WEBPACK_SERVE: true }, 'linux', never)).toBe('https');
  expect(await config.devServerHttps({ WEBPACK_BUILD: true }, 'win32', never)).toBe('https');
  expect(await config.devServerHttps({ WEBPACK_BUILD: true }, 'darwin', never)).toBe('https');
  expect(await config.devServerHttps({}, 'darwin', never)).toBe('https');
  expect(never).not.toHaveBeenCalled();
});

test('a certificate that cannot be installed stops the dev server with what to do', async () => {
  const failing = () => ({ getHttpsServerOptions: () => Promise.reject(new Error('user cancelled the prompt')) });
  await expect(config.devServerHttps({ WEBPACK_SERVE: true }, 'darwin', failing)).rejects.toThrow(
    /user cancelled the prompt[\s\S]*npx office-addin-dev-certs install/,
  );
});

test('office-addin-dev-certs is required lazily, inside devServerHttps only', () => {
  const source = readFileSync(join(ROOT, 'webpack.config.js'), 'utf8');
  const requires = [...source.matchAll(/require\((['"])office-addin-dev-certs\1\)/g)];
  expect(requires).toHaveLength(1);
  const inside = source.slice(
    source.indexOf('async function devServerHttps('),
    source.indexOf('module.exports = async'),
  );
  expect(inside).toMatch(/require\('office-addin-dev-certs'\)/);
});

test('the build config: self-signed https here, two pages each with its page kind and CSP', async () => {
  const built = await config({ WEBPACK_BUILD: true }, { mode: 'production' });
  if (process.platform !== 'win32' && process.platform !== 'darwin') expect(built.devServer.server).toBe('https');
  const pages = built.plugins
    .map((p) => p.options)
    .filter((o): o is NonNullable<typeof o> => !!o && typeof o.filename === 'string' && o.filename.endsWith('.html'));
  const byName = new Map(pages.map((o) => [o.filename, o]));
  expect(byName.get('taskpane.html')).toMatchObject({
    page: 'addin',
    officeJs: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  });
  expect(byName.get('index.html')).toMatchObject({ page: 'demo', officeJs: 'office.js' });
  expect(byName.get('taskpane.html')?.csp).toBe(config.contentSecurityPolicy('addin'));
  expect(byName.get('index.html')?.csp).toBe(config.contentSecurityPolicy('demo'));
});

test('CSP: the CDN may serve scripts to the add-in page only; nothing may connect, frame or embed elsewhere', () => {
  const directives = (page: 'addin' | 'demo') =>
    Object.fromEntries(
      config
        .contentSecurityPolicy(page)
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(' ')]),
    );
  expect(directives('addin')).toEqual({
    'default-src': "'self'",
    'script-src': "'self' https://appsforoffice.microsoft.com",
    'connect-src': "'self'",
    'img-src': "'self' data:",
    'style-src': "'self' 'unsafe-inline'",
    'font-src': "'self'",
    'frame-src': "'none'",
    'object-src': "'none'",
    'base-uri': "'self'",
    'form-action': "'none'",
  });
  expect(directives('demo')).toEqual({ ...directives('addin'), 'script-src': "'self'" });
});

test('npm start runs a pinned office-addin-debugging through npx, for desktop Excel; it is not a dependency', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const pinned = /^npx --yes office-addin-debugging@\d+\.\d+\.\d+ /;
  expect(pkg.scripts.start).toMatch(pinned);
  expect(pkg.scripts.start).toMatch(/ start manifest\.xml desktop --app excel --dev-server-port 3000$/);
  expect(pkg.scripts['start:web']).toMatch(pinned);
  expect(pkg.scripts.stop).toMatch(pinned);
  const versions = ['start', 'start:web', 'stop'].map(
    (s) => /office-addin-debugging@([\d.]+)/.exec(pkg.scripts[s])![1],
  );
  expect(new Set(versions).size).toBe(1);
  expect(pkg.scripts['dev-server']).toBe('webpack serve --mode development');
  expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('office-addin-debugging');
  expect(pkg.devDependencies).toHaveProperty('office-addin-dev-certs');
});
