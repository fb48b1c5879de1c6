// Every message the code shows through `l10n.t` (@vscode/l10n) or `vscode.l10n.t`, read from the
// TypeScript sources with the compiler's parser (@vscode/l10n-dev does the same with tree-sitter
// and 100 packages; the compiler is already here). Used by test/unit/l10n/messages.test.ts and,
// from the command line, to list what a language's bundle lacks:
//   node scripts/l10n-messages.mjs [zh-cn | a bundle.json] [file…]   → the messages without a translation
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = new URL('..', import.meta.url).pathname;
/** Where shown text is made. */
export const SOURCE_DIRS = ['src', 'webview'];

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

const isT = (callee) =>
  ts.isPropertyAccessExpression(callee) && callee.name.text === 't' &&
  (callee.expression.getText() === 'l10n' || callee.expression.getText() === 'vscode.l10n');

/**
 * The messages of `files` (default: every source file): `messages` maps each message to where it
 * is used and how many arguments it gets; `problems` lists calls whose message is not a literal
 * (a bundle cannot hold a message built at run time).
 */
export function extractMessages(files = SOURCE_DIRS.flatMap((d) => [...sourceFiles(join(ROOT, d))])) {
  const messages = new Map();
  const problems = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!/l10n\.t\(/.test(text)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isCallExpression(node) && isT(node.expression)) {
        const where = `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const [first, ...args] = node.arguments;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          const m = messages.get(first.text) ?? { uses: [], args: new Set() };
          m.uses.push(where);
          m.args.add(args.length === 1 && ts.isObjectLiteralExpression(args[0]) ? -1 : args.length);
          messages.set(first.text, m);
        } else {
          problems.push(`${where}: the message is not a string literal: ${node.getText().slice(0, 80)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages, problems };
}

/** The `{0}`, `{1}` … and `{name}` placeholders of a message, sorted. */
export const placeholders = (message) => [...new Set(message.match(/\{[A-Za-z0-9_]+\}/g) ?? [])].sort();

/** A language's bundle (l10n/bundle.l10n.<language>.json). */
export const readBundle = (language) => JSON.parse(readFileSync(join(ROOT, 'l10n', `bundle.l10n.${language}.json`), 'utf8'));

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [language = 'zh-cn', ...files] = process.argv.slice(2);
  const bundle = language.endsWith('.json') ? JSON.parse(readFileSync(language, 'utf8')) : readBundle(language);
  const { messages, problems } = extractMessages(files.length ? files.map((f) => join(process.cwd(), f)) : undefined);
  for (const p of problems) console.log(`problem: ${p}`);
  const missing = [...messages.keys()].filter((m) => !(m in bundle));
  for (const m of missing) console.log(JSON.stringify(m));
  console.error(`${messages.size} messages, ${missing.length} without a ${language} translation, ${problems.length} problems`);
}
