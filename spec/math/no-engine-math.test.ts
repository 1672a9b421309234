/**
 * The reproducibility rule of DESIGN.md: outside src/math/, no source file
 * calls an engine-approximated `Math.*` function (exp, log, sin, pow, hypot,
 * …: engines differ in their last bit) or raises to a power with `**`
 * unless the exponent is an integer literal (x ** 2, 2 ** 31, 2n ** 64n). Comments and
 * string literals are stripped before the scan, so prose may name them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');
const src = join(root, 'src');

/** Math functions whose results the ECMAScript specification leaves to the engine. */
export const ENGINE_MATH = /\bMath\.(exp|expm1|log|log1p|log2|log10|sin|cos|tan|sinh|cosh|tanh|asin|acos|atan|atan2|asinh|acosh|atanh|cbrt|pow|hypot)\b/;
/** `**` followed by anything but an (optionally negative) integer literal, BigInt literals included. */
export const NON_INTEGER_POWER = /\*\*(?!\s*-?\s*\d+n?\b(?!\s*\.\d))/;

/** Source text without comments and string literals (good enough for this codebase's TypeScript). */
export function stripCommentsAndStrings(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** The offending lines of one file's text, as 'line: text'. */
export function offences(text: string): string[] {
  const lines = stripCommentsAndStrings(text).split('\n');
  const original = text.split('\n');
  const found: string[] = [];
  lines.forEach((line, i) => {
    if (ENGINE_MATH.test(line) || NON_INTEGER_POWER.test(line)) found.push(`${i + 1}: ${original[i]!.trim()}`);
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(src, 'math') ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('no engine-approximated Math.* call and no ** with a non-integer exponent in src/ outside math/', () => {
  const report = sourceFiles(src).flatMap((file) => offences(readFileSync(file, 'utf8')).map((line) => `${relative(root, file)}:${line}`));
  assert.deepEqual(report, [], `use src/math/ instead:\n${report.join('\n')}`);
});

test('the scan catches what it is meant to catch, and only that', () => {
  assert.equal(offences('const y = Math.exp(x);').length, 1);
  assert.equal(offences('const y = Math.hypot(a, b) + Math.log2(c);').length, 1);
  assert.equal(offences('const y = x ** y;').length, 1);
  assert.equal(offences('const y = x ** 0.5;').length, 1);
  assert.equal(offences('const y = 10 ** -precision;').length, 1);
  assert.equal(offences('const y = x ** 2 + 2 ** 31 - 1 + 2 ** -52 + Number(2n ** 64n);').length, 0);
  assert.equal(offences('/** e^x, like Math.exp */ const y = Math.sqrt(Math.abs(x)); // x ** y').length, 0);
  assert.equal(offences("throw new Error('not a valid xoshiro128** state: Math.log');").length, 0);
});
