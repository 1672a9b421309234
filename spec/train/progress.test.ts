/**
 * fit's progress bar: on a terminal one line redrawn in place (carriage
 * returns) with epoch, loss and samples per second, an epoch's final line
 * kept for about ten epochs of the run; elsewhere silent unless asked, and
 * then the kept lines only. A fake clock and stream stand in for the
 * terminal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense } from '../../src/layers/index.js';
import { mse } from '../../src/losses/index.js';
import { SGD } from '../../src/optimizers/index.js';
import { fit } from '../../src/train/index.js';
import { ProgressBar, standardError } from '../../src/train/progress.js';
import type { ProgressSink } from '../../src/train/progress.js';

function fake(isTTY: boolean): ProgressSink & { out: string; clock: number } {
  const sink = { isTTY, out: '', clock: 0, write: (s: string) => void (sink.out += s), now: () => sink.clock };
  return sink;
}

test('on a terminal: the bar is redrawn with \\r at most every 100 ms, and an epoch\'s last state is kept with the losses and samples/s', () => {
  const sink = fake(true);
  const bar = new ProgressBar(sink, 10, 4);
  bar.startEpoch(2);
  sink.clock = 50;
  bar.step(1, 64, 0.5);
  sink.clock = 120;
  bar.step(2, 128, 0.45); // 70 ms after the last drawing: skipped
  sink.clock = 160;
  bar.step(3, 192, 0.4);
  sink.clock = 200;
  bar.step(4, 256, 0.35); // 40 ms: skipped
  bar.endEpoch(256, 0.35, 0.5); // kept (every epoch of a 10-epoch run), whatever the time
  const frames = sink.out.split('\r').filter((s) => s !== '');
  assert.deepEqual(frames, [
    'epoch  3/10 [====>               ] 1/4  loss 0.5000  1,280 samples/s',
    'epoch  3/10 [==============>     ] 3/4  loss 0.4000  1,200 samples/s',
    'epoch  3/10 [====================] 4/4  loss 0.3500  val 0.5000  1,280 samples/s\n',
  ]);
});

test('a long run keeps the line of every ⌈E/10⌉-th epoch and of the last: 10 lines for 95 epochs', () => {
  for (const isTTY of [true, false]) {
    const sink = fake(isTTY);
    const bar = new ProgressBar(sink, 95, 1);
    for (let e = 0; e < 95; e++) {
      bar.startEpoch(e);
      sink.clock += 30;
      bar.step(1, 8, 1);
      bar.endEpoch(8, 1, undefined);
    }
    const kept = sink.out.split('\n').slice(0, -1).map((s) => s.split('\r').at(-1)!.slice(0, 11));
    assert.deepEqual(kept, [10, 20, 30, 40, 50, 60, 70, 80, 90, 95].map((e) => `epoch ${String(e).padStart(2)}/95`));
  }
});

test('elsewhere: nothing unless asked, and then one finished line per epoch', () => {
  const sink = fake(false);
  const bar = new ProgressBar(sink, 2, 3);
  bar.startEpoch(0);
  bar.step(1, 10, 1);
  assert.equal(sink.out, '');
  sink.clock = 1000;
  bar.endEpoch(30, 0.25, undefined);
  assert.equal(sink.out, 'epoch 1/2 [====================] 3/3  loss 0.2500  30 samples/s\n');
});

test('fit draws on standard error only when it is a terminal or progress is true, never with progress false', () => {
  const stderr = process.stderr;
  const written: string[] = [];
  const original = { write: stderr.write, isTTY: stderr.isTTY };
  const X = linalg.randn([8, 2], new Rng(1)), y = linalg.zeros([8, 1]);
  const train = (options: { progress?: boolean }): void => {
    const model = new Dense(2, 1, { rng: new Rng(2) });
    fit(model, mse, new SGD(model.parameters()), { X, y }, { epochs: 2, batchSize: 4, ...options });
  };
  try {
    stderr.write = ((s: string) => (written.push(s), true)) as typeof stderr.write;
    for (const [isTTY, progress, lines] of [[false, undefined, 0], [false, true, 2], [true, false, 0], [true, undefined, 2]] as const) {
      stderr.isTTY = isTTY;
      written.length = 0;
      train(progress === undefined ? {} : { progress });
      assert.equal(written.join('').split('\n').length - 1, lines, `isTTY ${isTTY}, progress ${progress}`);
    }
    assert.notEqual(standardError(), null);
  } finally {
    stderr.write = original.write;
    stderr.isTTY = original.isTTY;
  }
});
