/**
 * docs/security.md lists every runtime dependency: each package of package-lock.json's production tree (neither
 * `dev` nor `devOptional`), as name@version, with why it is needed. This fails when the lockfile gains or changes a
 * production package the list does not name, when the list names one the tree no longer has, or when a listed
 * package has no reason. Fix: `npx tsx scripts/security-deps.ts --write`, then write the Why of each new row.
 * It also holds the other checks docs/security.md states: a sha512 integrity hash for every production package, and
 * no production package with an install script.
 */
import { readFileSync } from 'node:fs';
import {
  LOCKFILE,
  SECURITY_DOC,
  TODO_WHY,
  checkList,
  installScripts,
  listedPackages,
  productionPackages,
  readLockfile,
  renderList,
  rewriteDocument,
  withoutIntegrity,
  type Lockfile,
} from '../../scripts/security-deps';

const lock = readLockfile(LOCKFILE);
const doc = readFileSync(SECURITY_DOC, 'utf8');

describe('docs/security.md against package-lock.json', () => {
  test('the list names exactly the production tree, each package with its locked version and a reason', () => {
    const { missing, stale, unexplained } = checkList(lock, doc);
    const problems = [
      ...missing.map((p) => `not listed in docs/security.md: ${p}`),
      ...stale.map((p) => `listed but no longer in the production tree: ${p}`),
      ...unexplained.map((p) => `listed without a reason: ${p}`),
    ];
    if (problems.length > 0) {
      throw new Error(
        `${problems.join('\n')}\nRun \`npx tsx scripts/security-deps.ts --write\` and write the Why of each new row.`,
      );
    }
    expect(listedPackages(doc).length).toBe(productionPackages(lock).length);
  });

  test('the tables are as the script writes them: only the Why column is edited by hand (Markdown is not Prettier’s)', () => {
    expect(rewriteDocument(lock, doc)).toBe(doc);
  });

  test('every production package has a sha512 integrity hash, and none runs an install script', () => {
    expect(withoutIntegrity(lock)).toEqual([]);
    expect(installScripts(lock)).toEqual([]);
  });

  test('what the document says of the tree: 4 direct dependencies, Fluent UI’s packages grouped under it', () => {
    const tree = productionPackages(lock);
    expect(Object.keys(lock.packages['']?.dependencies ?? {}).sort()).toEqual([
      '@fluentui/react-components',
      'fflate',
      'react',
      'react-dom',
    ]);
    expect(tree.filter((p) => p.group === '')).toEqual([]); // every package is reached from a direct dependency
    expect(tree.find((p) => p.name === 'scheduler')?.group).toBe('react-dom');
    expect(tree.find((p) => p.name === 'tabster')?.group).toBe('@fluentui/react-components');
    // devOptional (@types/react: a dev dependency and an optional peer of Fluent's packages) is not in the tree.
    expect(lock.packages['node_modules/@types/react']?.devOptional).toBe(true);
    expect(tree.map((p) => p.name)).not.toContain('@types/react');
  });
});

describe('the checker can fail', () => {
  /** A lockfile of one direct dependency `a` 1.0.0 needing `b` ^2 (nested copy 2.1.0) and dev-only `d`. */
  const synthetic = (): Lockfile => ({
    lockfileVersion: 3,
    packages: {
      '': { name: 'x', version: '1.0.0', dependencies: { a: '^1.0.0' }, devDependencies: { d: '^1' } } as never,
      'node_modules/a': { version: '1.0.0', integrity: 'sha512-a', dependencies: { b: '^2.0.0' } },
      'node_modules/a/node_modules/b': { version: '2.1.0', integrity: 'sha512-b' },
      'node_modules/b': { version: '1.0.0', integrity: 'sha512-b1', dev: true },
      'node_modules/d': { version: '1.0.0', integrity: 'sha512-d', dev: true, dependencies: { b: '^1' } },
      'node_modules/t': { version: '3.0.0', integrity: 'sha512-t', devOptional: true },
    },
  });
  const reasons = new Map([
    ['a', 'needed'],
    ['b', 'needed by a'],
  ]);

  test('a synthetic tree: nested copies resolved, dev and devOptional left out', () => {
    expect(productionPackages(synthetic()).map((p) => [`${p.name}@${p.version}`, p.group])).toEqual([
      ['a@1.0.0', 'a'],
      ['b@2.1.0', 'a'],
    ]);
    const list = renderList(synthetic(), reasons);
    expect(checkList(synthetic(), list)).toEqual({ missing: [], stale: [], unexplained: [] });
  });

  test('a package added to the tree and not listed is reported missing', () => {
    const list = renderList(synthetic(), reasons);
    const lockfile = synthetic();
    lockfile.packages['node_modules/a'].dependencies!.c = '^1.0.0';
    lockfile.packages['node_modules/c'] = { version: '1.4.2', integrity: 'sha512-c' };
    expect(checkList(lockfile, list)).toMatchObject({ missing: ['c@1.4.2'], stale: [] });
  });

  test('an updated package is missing at its new version and stale at its old one', () => {
    const list = renderList(synthetic(), reasons);
    const lockfile = synthetic();
    lockfile.packages['node_modules/a/node_modules/b'].version = '2.2.0';
    expect(checkList(lockfile, list)).toMatchObject({ missing: ['b@2.2.0'], stale: ['b@2.1.0'] });
  });

  test('a package gone from the tree (or turned dev-only) is reported stale', () => {
    const list = renderList(synthetic(), reasons);
    const lockfile = synthetic();
    lockfile.packages['node_modules/a/node_modules/b'].dev = true;
    expect(checkList(lockfile, list)).toMatchObject({ missing: [], stale: ['b@2.1.0'] });
  });

  test('the real document with one row taken out, or a reason left as TODO, fails', () => {
    const row = doc.split('\n').find((l) => l.includes('`tabster`'))!;
    const tabster = productionPackages(lock).find((p) => p.name === 'tabster')!;
    expect(checkList(lock, doc.replace(`${row}\n`, '')).missing).toEqual([`tabster@${tabster.version}`]);
    const todo = doc.replace(row, row.replace(/\|[^|]*\|\s*$/, `| ${TODO_WHY} |`));
    expect(checkList(lock, todo).unexplained).toEqual([`tabster@${tabster.version}`]);
  });

  test('install scripts and missing hashes are reported', () => {
    const lockfile = synthetic();
    lockfile.packages['node_modules/a'].hasInstallScript = true;
    delete lockfile.packages['node_modules/a/node_modules/b'].integrity;
    expect(installScripts(lockfile)).toEqual(['a@1.0.0']);
    expect(withoutIntegrity(lockfile)).toEqual(['b@2.1.0']);
  });
});
