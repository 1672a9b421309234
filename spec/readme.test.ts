/**
 * Every ```ts example of the README compiles as it stands: each block is
 * copied into a file of its own (a reader copies one block, not the page),
 * in an ESM project whose `lecture-ml/…` imports resolve to the sources
 * (src/<module>/index.ts), and type-checked with the project's own compiler
 * settings. A failure names the README line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The README's ```ts blocks, each with the README line of its first code line. */
function examples(markdown: string): { code: string; line: number }[] {
  const found: { code: string; line: number }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !(lines[end] ?? '').startsWith('```')) end++;
    found.push({ code: lines.slice(start, end).join('\n'), line: start + 1 });
    i = end;
  }
  return found;
}

test('every ```ts example of the README type-checks against the sources', () => {
  const blocks = examples(readme);
  assert.ok(blocks.length >= 3, `the README has ${blocks.length} TypeScript examples`);
  const dir = mkdtempSync(join(tmpdir(), 'readme-'));
  try {
    const files = blocks.map(({ code }, i) => {
      const file = join(dir, `example-${i + 1}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      extends: join(root, 'tsconfig.json'),
      compilerOptions: {
        noEmit: true,
        rootDir: '/',
        typeRoots: [join(root, 'node_modules', '@types')],
        paths: { 'lecture-ml': [join(root, 'src', 'index.ts')], 'lecture-ml/*': [join(root, 'src', '*', 'index.ts')] },
      },
      files,
      include: [],
    }));
    try {
      execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      const located = `${stdout ?? ''}${stderr ?? ''}`.replace(/[^\s]*example-(\d+)\.ts\((\d+),(\d+)\)/g, (_all, block: string, line: string, column: string) =>
        `README.md(${(blocks[Number(block) - 1]?.line ?? 0) + Number(line) - 1},${column})`);
      assert.fail(`README examples that do not compile:\n${located}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
