// Type-checks the ```ts blocks of the README and docs/ against the library's source, so the docs cannot rot.
//
// The convention a block follows (it is also written in docs/contributing.md):
// - Each block is its own program unit. It may import what it likes; names it does not import come from
//   test/docs/prelude.ts (the public API of `nestjs-active-job` and `nestjs-active-job/testing`, the Nest
//   decorators, and the application's own classes a snippet talks about, such as `UsersService`).
// - A guide whose application differs from the demo's has a prelude of its own, test/docs/preludes/<the
//   guide's path>.ts (docs/mail.md: test/docs/preludes/docs/mail.ts); its names win over the shared ones.
// - A relative import (`from './app.module'`) stands for the application's own file: it is dropped, and its
//   names come from the prelude too.
// - Its statements run inside an async function, so a snippet may `await` at top level and use `this.users`,
//   `this.jobs` (see `DocContext` in the prelude) as if it were the body of a controller's method.
// - `<!-- docs-check: skip (the reason) -->` on the line before the fence leaves out a block that is
//   deliberately partial; the reason is required.
// - `<!-- docs-check: excerpt of test/demo/x.spec.ts -->` says the block is copied from that file: its
//   lines must appear there, in order (blank lines and indentation aside), so the copy cannot drift.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

export const REPO_ROOT = join(__dirname, '..', '..');
const PRELUDE = join(REPO_ROOT, 'test', 'docs', 'prelude.ts');
const GUIDE_PRELUDES = join(REPO_ROOT, 'test', 'docs', 'preludes');
const BLOCKS_DIR = join(REPO_ROOT, 'test', 'docs', '.blocks');
const MARKER = /^<!--\s*docs-check:\s*(.*?)\s*-->\s*$/;

export interface CodeBlock {
  /** The markdown file, relative to the repository. */
  file: string;
  /** 1-based line of the block's first line of code. */
  line: number;
  code: string;
  /** The file this block is copied from (`docs-check: excerpt of <file>`). */
  excerptOf?: string;
}

export interface DocsError {
  file: string;
  line: number;
  message: string;
}

/** The ```ts blocks of one markdown text, without those marked `docs-check: skip (reason)`. */
export function extractCodeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,})(\S*)/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.findIndex((line, j) => j > i && line.trim().startsWith(fence[2]));
    if (end === -1) throw new Error(`${file}:${i + 1}: a code block is never closed`);
    const language = fence[3].toLowerCase();
    const marker = MARKER.exec((lines[i - 1] ?? '').trim())?.[1];
    const skip = marker !== undefined && /^skip\b/.test(marker);
    const excerptOf = marker !== undefined ? /^excerpt of (\S+)$/.exec(marker)?.[1] : undefined;
    if (marker !== undefined && !excerptOf && !/^skip \(\s*\S.*\)$/.test(marker)) {
      throw new Error(`${file}:${i}: unknown docs-check marker "${marker}": write "skip (the reason)" or "excerpt of <file>"`);
    }
    if ((language === 'ts' || language === 'typescript') && !skip) {
      const indent = fence[1].length;
      const code = lines.slice(i + 1, end).map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)));
      blocks.push({ file, line: i + 2, code: code.join('\n'), ...(excerptOf ? { excerptOf } : {}) });
    }
    i = end;
  }
  return blocks;
}

/** README.md, docs/*.md and examples' READMEs: every markdown a reader is sent to. */
export function documentationFiles(): string[] {
  const files = ['README.md'];
  for (const dir of [
    'docs',
    ...(existsSync(join(REPO_ROOT, 'examples')) ? readdirSync(join(REPO_ROOT, 'examples')) : []).map((name) => join('examples', name)),
  ]) {
    if (!existsSync(join(REPO_ROOT, dir))) continue;
    for (const name of readdirSync(join(REPO_ROOT, dir)).sort()) if (name.endsWith('.md')) files.push(join(dir, name));
  }
  return files;
}

/** The prelude of the guide's own application, if it has one (test/docs/preludes/docs/mail.ts for docs/mail.md). */
function guidePrelude(file: string): string | undefined {
  const path = join(GUIDE_PRELUDES, file.replace(/\.md$/, '.ts'));
  return existsSync(path) ? path : undefined;
}

/** Type-checks the blocks; resolves to one error per diagnostic, located in the markdown. */
export function checkCodeBlocks(blocks: CodeBlock[]): DocsError[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const virtual = new Map<string, string>();
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (name) => virtual.has(name) || ts.sys.fileExists(name);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  host.getSourceFile = (name, language, onError) =>
    virtual.has(name) ? ts.createSourceFile(name, virtual.get(name)!, language) : getSourceFile(name, language, onError);

  // The preludes' exports are the names a block may use without importing them.
  const preludes = [PRELUDE, ...new Set(blocks.map((block) => guidePrelude(block.file)).filter((path): path is string => !!path))];
  const preludeProgram = ts.createProgram(preludes, options, host);
  // Only the preludes and the blocks are checked here: the library and the demo have their own typecheck.
  const preludeErrors = preludes.flatMap((path) => ts.getPreEmitDiagnostics(preludeProgram, preludeProgram.getSourceFile(path)));
  if (preludeErrors.length > 0) throw new Error(`the docs' preludes do not compile:\n${format(preludeErrors)}`);
  const checker = preludeProgram.getTypeChecker();
  const exportedNames = (path: string) =>
    checker.getExportsOfModule(checker.getSymbolAtLocation(preludeProgram.getSourceFile(path)!)!).map((symbol) => symbol.name);
  const names = new Map(preludes.map((path) => [path, exportedNames(path)]));

  const origins = new Map<string, CodeBlock>();
  // An excerpt is compiled where it comes from; checkExcerpts keeps it equal to that.
  blocks
    .filter((block) => !block.excerptOf)
    .forEach((block, index) => {
      const name = join(BLOCKS_DIR, `${index}-${basename(block.file, '.md')}-${block.line}.ts`);
      const guide = guidePrelude(block.file);
      const scopes = [...(guide ? [{ path: guide, names: names.get(guide)! }] : []), { path: PRELUDE, names: names.get(PRELUDE)! }];
      virtual.set(name, wrap(block, scopes));
      origins.set(name, block);
    });
  const program = ts.createProgram([...virtual.keys()], options, host, preludeProgram);
  const errors: DocsError[] = [];
  const diagnostics = [...virtual.keys()].flatMap((name) => ts.getPreEmitDiagnostics(program, program.getSourceFile(name)));
  for (const diagnostic of diagnostics) {
    const block = diagnostic.file && origins.get(diagnostic.file.fileName);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!block || diagnostic.start === undefined) {
      errors.push({ file: diagnostic.file?.fileName ?? '(program)', line: 0, message });
      continue;
    }
    // Line 0 of the generated file is the imports and the function header; the block's lines follow.
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
    errors.push({ file: block.file, line: block.line + Math.max(line - 1, 0), message: `TS${diagnostic.code}: ${message}` });
  }
  return errors;
}

/** Blocks marked `excerpt of <file>` whose lines no longer appear, in order, in that file. */
export function checkExcerpts(blocks: CodeBlock[]): DocsError[] {
  const errors: DocsError[] = [];
  const significant = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  for (const block of blocks) {
    if (!block.excerptOf) continue;
    const path = join(REPO_ROOT, block.excerptOf);
    if (!existsSync(path)) {
      errors.push({ file: block.file, line: block.line, message: `copied from ${block.excerptOf}, which does not exist` });
      continue;
    }
    // The repository's own files import the library by path; a reader's code imports it by its package name.
    const source = significant(readFileSync(path, 'utf8').replace(/from '(?:\.\.\/)+src\/active-job(\/testing)?'/g, "from 'nestjs-active-job$1'"));
    const excerpt = significant(block.code);
    let from = 0;
    const missing = excerpt.find((line) => {
      const at = source.indexOf(line, from);
      if (at === -1) return true;
      from = at + 1;
      return false;
    });
    if (missing !== undefined) {
      errors.push({ file: block.file, line: block.line, message: `no longer matches ${block.excerptOf} from "${missing}" on: copy the file's current text` });
    }
  }
  return errors;
}

/** A prelude and the names it exports; the first prelude that exports a name gives it. */
interface PreludeScope {
  path: string;
  names: string[];
}

/**
 * The block as a module: its imports and the preludes' remaining names on the first line, then its statements,
 * line for line, as the body of `async function (this: DocContext)`, with top-level `export` blanked out.
 */
function wrap(block: CodeBlock, preludes: PreludeScope[]): string {
  const source = ts.createSourceFile('block.ts', block.code, ts.ScriptTarget.Latest, true);
  const imported = new Set<string>();
  const imports: string[] = [];
  let body = block.code;
  const blank = (start: number, end: number) => {
    body = body.slice(0, start) + body.slice(start, end).replace(/[^\n]/g, ' ') + body.slice(end);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text.startsWith('.')) {
      blank(statement.getStart(), statement.end);
    } else if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) {
      imports.push(block.code.slice(statement.getStart(), statement.end).replace(/\s*\n\s*/g, ' '));
      collectImportedNames(statement, imported);
      blank(statement.getStart(), statement.end);
    } else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      blank(statement.getStart(), statement.end);
    } else {
      for (const modifier of ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : []) {
        if (modifier.kind === ts.SyntaxKind.ExportKeyword || modifier.kind === ts.SyntaxKind.DefaultKeyword) {
          blank(modifier.getStart(), modifier.end);
        }
      }
    }
  }
  const fromPreludes = preludes.map(({ path, names }) => {
    const given = names.filter((name) => !imported.has(name));
    given.forEach((name) => imported.add(name));
    return `import { ${given.join(', ')} } from '${relative(BLOCKS_DIR, path).replace(/\.ts$/, '')}';`;
  });
  const header = `${fromPreludes.join(' ')} ${imports.join(' ')} export async function docBlock(this: DocContext): Promise<void> {`;
  return `${header}\n${body}\n}\n`;
}

function collectImportedNames(statement: ts.ImportDeclaration | ts.ImportEqualsDeclaration, names: Set<string>): void {
  if (ts.isImportEqualsDeclaration(statement)) {
    names.add(statement.name.text);
    return;
  }
  const clause = statement.importClause;
  if (!clause) return;
  if (clause.name) names.add(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(REPO_ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, (path) => readFileSync(path, 'utf8'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath));
  return {
    ...options,
    rootDir: REPO_ROOT,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    types: ['node', 'jest'],
    baseUrl: REPO_ROOT,
    // The package's own name, as a user's code imports it.
    paths: {
      'nestjs-active-job': ['src/active-job/index.ts'],
      'nestjs-active-job/testing': ['src/active-job/testing/index.ts'],
      'nestjs-active-job/testing/jest': ['src/active-job/testing/jest.ts'],
      'nestjs-active-job/testing/vitest': ['src/active-job/testing/vitest.ts'],
      'nestjs-active-job/mailer': ['src/active-job/mailer/index.ts'],
    },
  };
}

function format(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => REPO_ROOT,
    getNewLine: () => '\n',
  });
}
