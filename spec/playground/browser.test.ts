/**
 * The playground in a real browser: the spec serves the project on a free
 * port, opens the page in headless Chromium with a scripted query string
 * (`run=1` trains `epochs` epochs and writes a JSON summary into #result),
 * and checks that
 *
 *   - the page loads and runs with no error: nothing uncaught, no failed
 *     load, no console.error/warn (the page records them into the DOM), and
 *     no console message at all in the browser's log;
 *   - XOR and circles reach ≥ 95 % test accuracy;
 *   - the weights' fingerprint, the losses and accuracies, and the
 *     optimiser race's final values equal, bit for bit, those Node computes
 *     with the same code and seed (the library's math/ makes the engines
 *     agree);
 *   - a screenshot is written (dist/playground.png, or $PLAYGROUND_SCREENSHOT;
 *     the README's picture is one).
 *
 * Without a browser the spec skips with one line saying how to get one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { pageAddress, playgroundServer } from '../../scripts/playground/server.js';
import { Playground, parseSettings, settingsQuery, trainFor } from '../../scripts/playground/core.js';
import { SURFACES, race } from '../../scripts/playground/race.js';
import { NO_BROWSER, elementText, findChromium, pngSize, runChromium } from './chromium.js';

const root = resolve(import.meta.dirname, '..', '..', '..');
const chromium = findChromium();
const screenshot = resolve(process.env['PLAYGROUND_SCREENSHOT'] ?? join(root, 'dist', 'playground.png'));
const WINDOW = [1280, 1040] as const;

interface Summary {
  done: boolean;
  query: string;
  epochs: number;
  train: { loss: number; accuracy: number };
  test: { loss: number; accuracy: number };
  fingerprint: string;
  race: Record<string, Record<string, number>>;
  actions: { action: string; epoch: number; query: string; fingerprint: string }[];
  errors: string[];
}

/** A query string in the order settingsQuery writes it. */
const parseQuery = (query: string): string => settingsQuery(parseSettings(query));

test('the playground in headless Chromium: no error, XOR and circles learnt, the same bits as Node, a screenshot', { skip: chromium === undefined ? NO_BROWSER : false, timeout: 240_000 }, async (t) => {
  const binary = chromium!;
  const server: Server = playgroundServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  try {
    const open = async (query: string, shot?: string): Promise<Summary> => {
      const { dom, log } = await runChromium(binary, pageAddress(server, `${query}&run=1`), shot === undefined ? {} : { screenshot: shot, window: WINDOW });
      const consoleLines = log.split('\n').filter((line) => /:CONSOLE[:(]/.test(line));
      assert.deepEqual(consoleLines, [], 'the page writes nothing to the console');
      const recorded = elementText(dom, 'errors');
      assert.equal(recorded, '', `errors recorded by the page: ${recorded}`);
      const text = elementText(dom, 'result');
      assert.ok(text !== undefined && text !== '', `the scripted run wrote its summary (page text: ${elementText(dom, 'message') ?? '?'}; status: ${elementText(dom, 'status') ?? '?'})`);
      const summary = JSON.parse(text) as Summary;
      assert.deepEqual(summary.errors, []);
      assert.equal(summary.done, true);
      return summary;
    };

    const sameAsNode = (summary: Summary, query: string): void => {
      const node = trainFor(parseSettings(query));
      const last = node.history[node.history.length - 1]!;
      assert.equal(summary.fingerprint, node.fingerprint(), 'the weights fingerprint equals Node\'s');
      assert.deepEqual([summary.train, summary.test], [last.train, last.test], 'losses and accuracies equal Node\'s bit for bit');
      for (const surface of SURFACES) {
        for (const result of race(surface)) {
          assert.ok(Object.is(summary.race[surface.name]?.[result.name], result.final), `race ${surface.name}/${result.name}: ${summary.race[surface.name]?.[result.name]} against Node's ${result.final}`);
        }
      }
    };

    await t.test('XOR: a 6-6 tanh network with Adam reaches ≥ 95 % test accuracy, and the page\'s numbers are Node\'s', async () => {
      const query = 'data=xor&epochs=30';
      const summary = await open(query);
      assert.equal(summary.epochs, 30);
      assert.ok(summary.test.accuracy >= 0.95, `test accuracy ${summary.test.accuracy}`);
      sameAsNode(summary, query);
    });

    await t.test('circles with L2 penalty: ≥ 95 % test accuracy, Node\'s numbers, and a screenshot of the page', async () => {
      const query = 'data=circles&epochs=40&penalty=l2&lambda=0.0005';
      mkdirSync(dirname(screenshot), { recursive: true });
      rmSync(screenshot, { force: true });
      const summary = await open(query, screenshot);
      assert.ok(summary.test.accuracy >= 0.95, `test accuracy ${summary.test.accuracy}`);
      sameAsNode(summary, query);
      assert.deepEqual(pngSize(readFileSync(screenshot)), [...WINDOW], `the screenshot ${screenshot} has the window's size`);
    });

    await t.test('three classes, ReLU, Nesterov, an L1 penalty and dropout: the dropout masks and every other draw are Node\'s too', async () => {
      const query = 'data=blobs&hidden=4&activation=relu&optimizer=nesterov&penalty=l1&lambda=0.001&dropout=0.2&epochs=5';
      const summary = await open(query);
      assert.equal(summary.epochs, 5);
      sameAsNode(summary, query);
    });

    await t.test('Step, Step, Reset, a new optimizer, Step, then Play to the end, clicked by the page: each state is Node\'s', async () => {
      const query = 'data=xor&n=80&epochs=5';
      const summary = await open(`${query}&actions=${encodeURIComponent('step;step;reset;set:optimizer=sgd;set:lr=0.3;step')}`);
      const first = new Playground(parseSettings(query)), sgd = parseSettings(`${query}&optimizer=sgd&lr=0.3`);
      const fresh = first.fingerprint();
      first.step();
      const one = first.fingerprint();
      first.step();
      const expected = [
        { action: 'step', epoch: 1, query, fingerprint: one },
        { action: 'step', epoch: 2, query, fingerprint: first.fingerprint() },
        { action: 'reset', epoch: 0, query, fingerprint: fresh },
        { action: 'set:optimizer=sgd', epoch: 0, query: `${query}&optimizer=sgd`, fingerprint: fresh },
        { action: 'set:lr=0.3', epoch: 0, query: `${query}&optimizer=sgd&lr=0.3`, fingerprint: fresh },
        { action: 'step', epoch: 1, query: `${query}&optimizer=sgd&lr=0.3`, fingerprint: trainFor(sgd, 1).fingerprint() },
      ];
      assert.deepEqual(summary.actions, expected.map((e) => ({ ...e, query: parseQuery(e.query) })));
      assert.equal(summary.epochs, 5);
      assert.equal(summary.fingerprint, trainFor(sgd).fingerprint(), 'Play went on from epoch 1 to 5 as one uninterrupted run would');
    });

    await t.test('a bad query string is reported on the page, not thrown, and the page starts from the defaults', async () => {
      const { dom } = await runChromium(binary, pageAddress(server, 'data=donut'), { budget: 5_000 });
      assert.match(elementText(dom, 'message') ?? '', /^playground settings: data must be one of xor, circles, blobs, moons, spirals, got 'donut'; the defaults are used instead$/);
      assert.equal(elementText(dom, 'errors'), '');
    });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
});
