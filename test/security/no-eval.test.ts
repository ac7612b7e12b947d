/**
 * No code evaluation from strings in anything the webpack build emits (dist/**\/*.js: the pane's chunks, and the
 * office.js files copied beside them): no `eval`, no Function constructor (`new Function(…)`, `Function(…)`,
 * `Function.apply/call(…)`), no timer given a string to run. The pages' Content-Security-Policy has no
 * 'unsafe-eval', so such code would fail in Excel anyway; this keeps it out of the bundle in the first place
 * (webpack.config.js: output.environment.globalThis removes the Function constructor of webpack's own global shim).
 *
 * The files are parsed (TypeScript's JavaScript parser), so the words inside strings, comments, regular
 * expressions and templates never count, and `x.eval(…)` on an ordinary object is not `eval`. `npm test` runs
 * `npm run build` before jest: without dist/ this test fails (it does not skip).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');

/** Names through which the global object is reached: `window.eval(…)` is eval. */
const GLOBAL_OBJECTS = new Set(['window', 'self', 'globalThis', 'global', 'top', 'parent', 'frames']);

interface EvalFinding {
  line: number;
  column: number;
  what: string;
  snippet: string;
}

/** `(0, eval)` and `(eval)`: the expression a call really calls. */
function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e)) e = e.expression;
    else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) e = e.right;
    else return e;
  }
}

/** `eval` or `Function` as a global: the bare name, `window.eval`, `self["Function"]`. */
function globalName(e: ts.Expression): string | undefined {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.expression) && GLOBAL_OBJECTS.has(x.expression.text)) {
    return x.name.text;
  }
  if (
    ts.isElementAccessExpression(x) &&
    ts.isIdentifier(x.expression) &&
    GLOBAL_OBJECTS.has(x.expression.text) &&
    ts.isStringLiteralLike(x.argumentExpression)
  ) {
    return x.argumentExpression.text;
  }
  return undefined;
}

function isStringy(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  const x = unwrap(e);
  if (ts.isStringLiteralLike(x) || ts.isTemplateExpression(x)) return true;
  return (
    ts.isBinaryExpression(x) &&
    x.operatorToken.kind === ts.SyntaxKind.PlusToken &&
    (isStringy(x.left) || isStringy(x.right))
  );
}

/** What a call or `new` expression evaluates from a string, if anything. */
function evaluation(node: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = node.expression;
  const name = globalName(callee);
  if (name === 'eval') return 'eval(…)';
  if (name === 'Function') return ts.isNewExpression(node) ? 'new Function(…)' : 'Function(…)';
  const x = unwrap(callee);
  // Function.apply(null, ["return this"]) and Function.call(null, "…") construct a function too.
  if (ts.isPropertyAccessExpression(x) && ['apply', 'call'].includes(x.name.text) && globalName(x.expression)) {
    const target = globalName(x.expression);
    if (target === 'Function' || target === 'eval') return `${target}.${x.name.text}(…)`;
  }
  // setTimeout("code", …) runs its string through eval.
  if ((name === 'setTimeout' || name === 'setInterval') && isStringy(node.arguments?.[0])) {
    return `${name}(<string>)`;
  }
  return undefined;
}

/** Every place in a script that evaluates a string as code (eval, the Function constructor, string timers). */
function findEvaluations(source: string, fileName = 'chunk.js'): EvalFinding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const out: EvalFinding[] = [];
  const report = (node: ts.Node, what: string) => {
    const start = node.getStart(file);
    const { line, character } = file.getLineAndCharacterOfPosition(start);
    const snippet = source.slice(Math.max(0, start - 60), Math.min(source.length, start + 80)).replace(/\s+/g, ' ');
    out.push({ line: line + 1, column: character + 1, what, snippet });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const what = evaluation(node);
      if (what) report(node, what);
    } else if (ts.isIdentifier(node) && node.text === 'eval' && !isCallee(node) && !isPropertyName(node)) {
      // `const e = eval; e(s)` (an indirect eval) or eval handed around.
      report(node, 'eval (referenced)');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** `eval` as the callee of a call already reported as one (possibly inside `(0, eval)` or `window.eval`). */
function isCallee(node: ts.Node): boolean {
  let e: ts.Node = node;
  while (
    ts.isParenthesizedExpression(e.parent) ||
    (ts.isBinaryExpression(e.parent) &&
      e.parent.operatorToken.kind === ts.SyntaxKind.CommaToken &&
      e.parent.right === e)
  ) {
    e = e.parent;
  }
  return (ts.isCallExpression(e.parent) || ts.isNewExpression(e.parent)) && e.parent.expression === e;
}

/** `x.eval` or `{ eval: … }`: a property called eval, not the global. */
function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) {
    // window.eval(…) is reported as a call; window.eval referenced is eval all the same.
    return !(ts.isIdentifier(p.expression) && GLOBAL_OBJECTS.has(p.expression.text)) || isCallee(p);
  }
  return (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === id;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return jsFiles(full);
    return /\.(m|c)?js$/.test(name) ? [full] : [];
  });
}

describe('the scanner', () => {
  test('finds eval and the Function constructor in code', () => {
    const code = [
      'var g=function(){try{return this||new Function("return this")()}catch(e){}}();',
      'eval("1+1");',
      '(0,eval)(s);',
      'window.eval(s);',
      'self["Function"]("a","return a");',
      'Function("return this")();',
      'Function.apply(null,["x"]);',
      'var e=eval;',
      'setTimeout("alert(1)",10);',
      'x=`${new Function("y")}`;',
    ].join('\n');
    expect(findEvaluations(code).map((f) => `${f.line}:${f.what}`)).toEqual([
      '1:new Function(…)',
      '2:eval(…)',
      '3:eval(…)',
      '4:eval(…)',
      '5:Function(…)',
      '6:Function(…)',
      '7:Function.apply(…)',
      '8:eval (referenced)',
      '9:setTimeout(<string>)',
      '10:new Function(…)',
    ]);
    expect(findEvaluations(code)[0].snippet).toContain('new Function("return this")');
  });

  test('ignores the words in strings, comments, regular expressions and ordinary properties', () => {
    const code = [
      '// eval("x") and new Function("y") in a comment',
      '/* Function("z") */',
      'var a="eval(1)", b=\'new Function("x")\', c=`Function(${n})`;',
      'var r=/eval\\(|new Function\\(/g;',
      'o.eval(x); o.Function(y); evaluate(z); f.evaluations; ({eval:1, Function:2});',
      'window.Type=Function; x instanceof Function; Function.prototype.toString.call(f);',
      'setTimeout(function(){},0); setTimeout(f,"10");',
    ].join('\n');
    expect(findEvaluations(code)).toEqual([]);
  });
});

describe('dist/ (the webpack build)', () => {
  test('exists, with the pane chunk: run `npm run build` first (npm test does)', () => {
    if (!existsSync(DIST)) {
      throw new Error(`dist/ is missing (${DIST}): run \`npm run build\` first; \`npm test\` builds before jest.`);
    }
    const chunks = jsFiles(DIST).map((f) => relative(DIST, f));
    expect(chunks.filter((f) => /^taskpane\.[0-9a-f]+\.js$|^taskpane\.js$/.test(f))).toHaveLength(1);
  });

  test('no emitted JavaScript evaluates strings as code (eval, Function constructor, string timers)', () => {
    if (!existsSync(DIST)) throw new Error(`dist/ is missing (${DIST}): run \`npm run build\` first.`);
    const files = jsFiles(DIST);
    expect(files.length).toBeGreaterThan(0);
    const offending = files.flatMap((full) =>
      findEvaluations(readFileSync(full, 'utf8'), full).map(
        (f) => `${relative(DIST, full)}:${f.line}:${f.column} ${f.what}  …${f.snippet}…`,
      ),
    );
    if (offending.length > 0) {
      throw new Error(
        `Code that evaluates strings was found in the build (the CSP has no 'unsafe-eval'; see docs/security.md):\n` +
          offending.join('\n'),
      );
    }
  });
});
