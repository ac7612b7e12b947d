/**
 * Webpack 5 build of the task pane.
 *
 * One build, two pages over the same bundle and the same boot:
 *   taskpane.html  the add-in page Excel opens; loads office.js from Microsoft's CDN, as Office requires. It never
 *                  runs the browser demo: if office.js cannot load (offline, a proxy) or there is no Office host, it
 *                  says so (src/taskpane/load-failure.ts).
 *   index.html     the browser demo; loads the real office.js shipped in @microsoft/office-js, copied here, so
 *                  nothing leaves localhost (outside Office, Office.onReady resolves with host null).
 * Each page says which it is (<html data-ttm-page="addin" | "demo">) and carries its own Content-Security-Policy.
 * ExcelJS (needed only to open .xlsx in the demo) is a lazy chunk; the initial JavaScript of the pane is gzipped
 * and printed after every build ("initial JS (gzip): N KB") and fails the build above the budget.
 *
 * `webpack serve` (npm run dev-server, also started by `npm start`) serves https on localhost:3000. On Windows and
 * macOS the certificate comes from office-addin-dev-certs, whose CA the system trusts, because Excel's webview
 * (WebView2 / WKWebView) will not load an add-in from an untrusted certificate; on Linux (no desktop Excel, and
 * office-addin-dev-certs cannot install its CA there) webpack-dev-server's own self-signed one. See devServerHttps.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { DefinePlugin } = require('webpack');
const { version } = require('./package.json');

const ROOT = __dirname;
const DIST = path.join(ROOT, 'dist');
const OFFICE_JS_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const OFFICE_CDN_ORIGIN = 'https://appsforoffice.microsoft.com';
const OFFICE_CDN = `${OFFICE_CDN_ORIGIN}/lib/1/hosted/office.js`;
const INITIAL_JS_BUDGET_KB = 350;

/** Prints (and records in dist/bundle-size.json) the gzip size of each entry's initial JavaScript. */
class InitialJsSizePlugin {
  constructor(budgetKb) {
    this.budgetKb = budgetKb;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap('InitialJsSizePlugin', (compilation) => {
      const out = compilation.outputOptions.path;
      // After emit webpack keeps only sizes of sources: read the emitted files.
      const bytesOf = (file) => fs.readFileSync(path.join(out, file));
      const report = { initial: {}, lazy: {} };
      const initialFiles = new Set();
      for (const [name, entry] of compilation.entrypoints) {
        let gzip = 0;
        let raw = 0;
        const files = entry.getFiles().filter((f) => f.endsWith('.js'));
        for (const file of files) {
          const source = bytesOf(file);
          raw += source.length;
          gzip += zlib.gzipSync(source, { level: 9 }).length;
          initialFiles.add(file);
        }
        report.initial[name] = { files, rawBytes: raw, gzipBytes: gzip };
        const kb = gzip / 1024;
        console.log(
          `initial JS (gzip): ${kb.toFixed(1)} KB  [entry ${name}: ${files.join(', ')}; ${(raw / 1024).toFixed(1)} KB raw; budget ${this.budgetKb} KB]`,
        );
        if (kb > this.budgetKb) {
          compilation.errors.push(
            new Error(`Initial JS of "${name}" is ${kb.toFixed(1)} KB gzip, above the ${this.budgetKb} KB budget.`),
          );
        }
      }
      for (const chunk of compilation.chunks) {
        for (const file of chunk.files) {
          if (!file.endsWith('.js') || initialFiles.has(file)) continue;
          const source = bytesOf(file);
          report.lazy[file] = { rawBytes: source.length, gzipBytes: zlib.gzipSync(source, { level: 9 }).length };
        }
      }
      const lazy = Object.entries(report.lazy)
        .map(([f, s]) => `${f} ${(s.gzipBytes / 1024).toFixed(1)} KB`)
        .join(', ');
      if (lazy) console.log(`lazy JS (gzip): ${lazy}`);
      fs.writeFileSync(path.join(out, 'bundle-size.json'), JSON.stringify(report, null, 2) + '\n');
    });
  }
}

/** Icons made for the manifest (assets/icon-<size>.png), when present. */
function iconPatterns() {
  const assets = path.join(ROOT, 'assets');
  const icons = fs.existsSync(assets) ? fs.readdirSync(assets).filter((f) => /^icon.*\.png$/i.test(f)) : [];
  return icons.map((f) => ({ from: path.join(assets, f), to: `assets/${f}` }));
}

function favicon() {
  const icon = iconPatterns().find((p) => /icon-32\.png$/i.test(p.to)) ?? iconPatterns()[0];
  return icon ? icon.to : 'data:,'; // 'data:,' = no favicon request at all
}

/**
 * Content-Security-Policy of each page; docs/addin.md ("Content-Security-Policy") says why each source is there.
 * The add-in page may load scripts from Microsoft's office.js CDN (office.js itself, then the host-specific files,
 * locale strings and telemetry scripts it loads from the same folder); the demo page only from itself. Office.js
 * sends its telemetry through the host on the Excel builds this add-in supports, so nothing else is allowed to
 * connect, frame or embed.
 */
function contentSecurityPolicy(page) {
  return [
    "default-src 'self'",
    `script-src 'self'${page === 'addin' ? ` ${OFFICE_CDN_ORIGIN}` : ''}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    // Fluent UI (Griffel) inserts style elements and style attributes; office.js on the web sets inline styles too.
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The dev server's https setting. Only `webpack serve` on Windows or macOS asks office-addin-dev-certs for a
 * trusted localhost certificate (it creates a CA and a localhost certificate in ~/.office-addin-dev-certs, valid
 * 30 days by default, and installs the CA, which shows the system's certificate-trust prompt; an expired one is
 * replaced, and prompted for, on the next start). The package is required here, when needed, never at the top of
 * this file: `npm run build`, the tests and Linux never load it (it cannot install its CA on Linux).
 */
async function devServerHttps(env = {}, platform = process.platform, load = () => require('office-addin-dev-certs')) {
  if (!env.WEBPACK_SERVE || (platform !== 'win32' && platform !== 'darwin')) return 'https';
  let options;
  try {
    options = await load().getHttpsServerOptions();
  } catch (error) {
    throw new Error(
      `office-addin-dev-certs could not provide a trusted localhost certificate: ${error instanceof Error ? error.message : String(error)}\n` +
        'Excel will not load the add-in over an untrusted certificate. Run `npx office-addin-dev-certs install` to see ' +
        'the trust prompt (or `npx office-addin-dev-certs uninstall` first to start afresh), then `npm run dev-server` again.',
    );
  }
  return { type: 'https', options };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const production = mode === 'production';
  const page = (filename, officeJs, kind) =>
    new HtmlWebpackPlugin({
      template: path.join(ROOT, 'src', 'taskpane', 'taskpane.html'),
      filename,
      chunks: ['taskpane'],
      inject: 'body',
      scriptLoading: 'defer',
      pageTitle: 'Trade Terms Modeller',
      officeJs,
      page: kind,
      csp: contentSecurityPolicy(kind),
      favicon32: favicon(),
      minify: production ? { collapseWhitespace: true, removeComments: true } : false,
    });

  return {
    mode,
    context: ROOT,
    entry: { taskpane: './src/taskpane/index.tsx' },
    output: {
      path: DIST,
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: '',
      clean: true,
      // No Function constructor in the bundle (test/security/no-eval.test.ts; the CSP has no 'unsafe-eval'). A
      // module that reads Node's `global` (Griffel, Fluent UI's styling engine, does) makes webpack add its
      // `__webpack_require__.g` shim, which by default falls back to `new Function("return this")()` when there is
      // no `globalThis`. `environment.globalThis: true` makes the shim plain `globalThis`. Every webview Office runs
      // this add-in in has it: WebView2 (Chromium), WKWebView (Safari 12.1+), modern browsers for Excel on the web;
      // the old IE11 / EdgeHTML webviews lack it, and cannot run this bundle anyway (ES2022 output, React 19).
      // `node: { global: false }` would remove the shim too, but leave a bare `global` in Griffel's code: one
      // ReferenceError away from breaking the pane if that branch ever runs.
      environment: { globalThis: true },
    },
    // No eval-based source maps: the page's CSP has no 'unsafe-eval'.
    devtool: production ? false : 'source-map',
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type checking is `npm run typecheck`; the bundle only needs the ESM transpilation of tsconfig.json.
            options: { configFile: path.join(ROOT, 'tsconfig.json'), transpileOnly: true },
          },
        },
      ],
    },
    optimization: {
      // ExcelJS and the .xlsx table reader are imported dynamically: keep them (and only them) out of the initial chunk.
      splitChunks: { chunks: 'async', cacheGroups: { defaultVendors: false, default: false } },
    },
    performance: { hints: false }, // the budget that matters is enforced by InitialJsSizePlugin
    plugins: [
      // The run-info sheet names the version that computed the results.
      new DefinePlugin({ __TTM_VERSION__: JSON.stringify(version) }),
      page('taskpane.html', OFFICE_CDN, 'addin'),
      page('index.html', 'office.js', 'demo'),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: path.join(ROOT, 'assets', 'sample-trade-terms.xlsx'),
            to: 'assets/sample-trade-terms.xlsx',
            noErrorOnMissing: !production,
          },
          ...iconPatterns(),
          // office.js loads its host mapping table from its own folder when it runs outside Office. Microsoft's
          // files are shipped as they are: `minimized` keeps Terser off them.
          { from: path.join(OFFICE_JS_DIST, 'office.js'), to: 'office.js', info: { minimized: true } },
          {
            from: path.join(OFFICE_JS_DIST, 'o15apptofilemappingtable.js'),
            to: 'o15apptofilemappingtable.js',
            info: { minimized: true },
          },
        ],
      }),
      // The budget is about what users download: minified production output only.
      ...(production ? [new InitialJsSizePlugin(INITIAL_JS_BUDGET_KB)] : []),
    ],
    stats: production ? 'errors-warnings' : 'minimal',
    devServer: {
      // Trusted certificate on Windows and macOS, webpack-dev-server's self-signed one elsewhere (devServerHttps).
      server: await devServerHttps(env),
      port: 3000,
      host: 'localhost',
      hot: false,
      liveReload: true,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      client: { overlay: { errors: true, warnings: false } },
    },
  };
};

// For test/manifest-sideload.test.ts.
module.exports.devServerHttps = devServerHttps;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
