import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCodeBlocks, checkExcerpts, documentationFiles, extractCodeBlocks, REPO_ROOT } from './code-blocks';

// Every ```ts block a reader sees compiles against the library as it is now (test/docs/code-blocks.ts says how).
describe('the code blocks of the README and docs/', () => {
  const blocks = documentationFiles().flatMap((file) => extractCodeBlocks(file, readFileSync(join(REPO_ROOT, file), 'utf8')));

  it('type-check against the library, as a user would write them', () => {
    expect(blocks.length).toBeGreaterThan(15);
    // Blocks that must fail, so that a checker that checks nothing cannot pass; the second one sees the mail
    // guide's own UserMailer (test/docs/preludes/docs/mail.ts), which takes an id where the demo's takes a user.
    const canary = { file: 'canary.md', line: 10, code: "const id: number = await this.users.find(1);\nconst n: number = 'one';" };
    const guideCanary = { file: 'docs/mail.md', line: 500, code: 'UserMailer.compose().welcomeEmail(user);' };
    const errors = checkCodeBlocks([...blocks, canary, guideCanary]).map(({ file, line, message }) => `${file}:${line}: ${message}`);
    expect(errors).toEqual([
      "canary.md:10: TS2322: Type 'User' is not assignable to type 'number'.",
      "canary.md:11: TS2322: Type 'string' is not assignable to type 'number'.",
      "docs/mail.md:500: TS2345: Argument of type 'User' is not assignable to parameter of type 'number'.",
    ]);
  }, 180_000);

  it('that are copies of a test still match it', () => {
    expect(blocks.filter((block) => block.excerptOf).length).toBeGreaterThan(0);
    expect(checkExcerpts(blocks)).toEqual([]);
  });
});

describe('extracting code blocks', () => {
  const markdown = [
    '# Title', // 1
    '```ts', // 2
    'const a = 1;', // 3
    '```', // 4
    '<!-- docs-check: skip (a fragment of the block above) -->', // 5
    '```ts', // 6
    'a + 1;', // 7
    '```', // 8
    '```bash', // 9
    'npm test', // 10
    '```', // 11
    '- a list item:', // 12
    '  ```typescript', // 13
    '  const b = 2;', // 14
    '  ```', // 15
    '<!-- docs-check: excerpt of test/docs/code-blocks.spec.ts -->', // 16
    '```ts', // 17
    "describe('extracting code blocks', () => {", // 18
    '```', // 19
  ].join('\n');

  it('takes ts blocks with the line of their first line of code, and leaves out skipped ones and other languages', () => {
    expect(extractCodeBlocks('x.md', markdown)).toEqual([
      { file: 'x.md', line: 3, code: 'const a = 1;' },
      { file: 'x.md', line: 14, code: 'const b = 2;' },
      { file: 'x.md', line: 18, code: "describe('extracting code blocks', () => {", excerptOf: 'test/docs/code-blocks.spec.ts' },
    ]);
  });

  it('refuses a skip without a reason, an unknown marker and a block never closed', () => {
    expect(() => extractCodeBlocks('x.md', '<!-- docs-check: skip -->\n```ts\na;\n```')).toThrow(/x\.md:1: unknown docs-check marker "skip"/);
    expect(() => extractCodeBlocks('x.md', '<!-- docs-check: ignore -->\n```ts\na;\n```')).toThrow(/unknown docs-check marker "ignore"/);
    expect(() => extractCodeBlocks('x.md', 'text\n```ts\na;\n')).toThrow('x.md:2: a code block is never closed');
  });

  it('reports an excerpt whose source changed, naming the first line that is gone', () => {
    const block = {
      file: 'x.md',
      line: 3,
      code: "describe('extracting code blocks', () => {\n  it('was renamed', () => {",
      excerptOf: 'test/docs/code-blocks.spec.ts',
    };
    expect(checkExcerpts([block])).toEqual([{ file: 'x.md', line: 3, message: expect.stringContaining(`from "it('was renamed', () => {" on`) }]);
    expect(checkExcerpts([{ ...block, excerptOf: 'test/docs/gone.spec.ts' }])).toEqual([
      { file: 'x.md', line: 3, message: 'copied from test/docs/gone.spec.ts, which does not exist' },
    ]);
  });
});
