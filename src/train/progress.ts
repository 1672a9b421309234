/**
 * The progress bar of `fit`: on a terminal, one line redrawn in place as
 * the batches go by,
 *
 *   epoch 3/10 [==========>         ] 12/25  loss 0.4321  24,512 samples/s
 *
 * and at the end of an epoch its final state with the validation loss,
 * kept on the screen (a newline) for every epoch of a run of up to ten
 * epochs, and for every ⌈E/10⌉-th epoch and the last of a longer one, so
 * that about ten lines sketch the learning curve:
 *
 *   epoch 3/10 [====================] 25/25  loss 0.4107  val 0.4502  24,380 samples/s
 *
 * Samples per second count the training samples of the epoch so far over
 * the wall-clock time since it began. It writes to standard error (so that
 * a program's own output stays clean) and redraws at most every 100 ms.
 * When asked to print where standard error is not a terminal, it writes
 * the kept lines only. Nothing here imports Node: the stream is found on
 * `globalThis.process`, and where there is none (a browser) there is no
 * output.
 */

/** Where the bar goes: a stream that says whether it is a terminal, and a clock in ms. */
export interface ProgressSink {
  readonly isTTY: boolean;
  write(text: string): void;
  now(): number;
}

/** Standard error of the running process, if there is one. */
export function standardError(): ProgressSink | null {
  const proc = (globalThis as unknown as { process?: { stderr?: { isTTY?: boolean; write?: (text: string) => unknown } } }).process;
  const stream = proc?.stderr;
  if (stream === undefined || typeof stream.write !== 'function') return null;
  return { isTTY: stream.isTTY === true, write: (text) => void stream.write!(text), now: () => Date.now() };
}

const WIDTH = 20;
const REDRAW_MS = 100;

/** Internal: 24512.3 → '24,512'. */
const grouped = (x: number): string => (Number.isFinite(x) ? Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '–');

export class ProgressBar {
  readonly #sink: ProgressSink;
  readonly #epochs: number;
  readonly #steps: number;
  /** Keep the line of every `#every`-th epoch (and of the last). */
  readonly #every: number;
  #epoch = 0;
  #started = 0;
  #drawn = -Infinity;

  constructor(sink: ProgressSink, epochs: number, stepsPerEpoch: number) {
    this.#sink = sink;
    this.#epochs = epochs;
    this.#steps = stepsPerEpoch;
    this.#every = Math.ceil(epochs / 10);
  }

  /** Epoch `epoch` (0-based) begins. */
  startEpoch(epoch: number): void {
    this.#epoch = epoch;
    this.#started = this.#sink.now();
  }

  /** `done` steps of this epoch are finished, covering `samples` samples; `loss` is the running mean. */
  step(done: number, samples: number, loss: number): void {
    if (!this.#sink.isTTY) return;
    const now = this.#sink.now();
    if (now - this.#drawn < REDRAW_MS) return;
    this.#drawn = now;
    this.#sink.write(`\r${this.#line(done, samples, loss, undefined, now)}`);
  }

  /** The epoch is over: its training loss and, when there is one, validation loss. */
  endEpoch(samples: number, loss: number, validationLoss: number | undefined): void {
    const now = this.#sink.now();
    const kept = (this.#epoch + 1) % this.#every === 0 || this.#epoch === this.#epochs - 1;
    if (!kept && (!this.#sink.isTTY || now - this.#drawn < REDRAW_MS)) return;
    this.#drawn = now;
    const line = this.#line(this.#steps, samples, loss, validationLoss, now);
    this.#sink.write(this.#sink.isTTY ? `\r${line}${kept ? '\n' : ''}` : `${line}\n`);
  }

  /** Internal: the text of the bar. */
  #line(done: number, samples: number, loss: number, validationLoss: number | undefined, now: number): string {
    const filled = this.#steps === 0 ? WIDTH : Math.round((WIDTH * done) / this.#steps);
    const bar = done >= this.#steps ? '='.repeat(WIDTH) : `${'='.repeat(Math.max(filled - 1, 0))}>${' '.repeat(WIDTH - Math.max(filled, 1))}`;
    const seconds = (now - this.#started) / 1000;
    const rate = seconds > 0 ? grouped(samples / seconds) : '–';
    const val = validationLoss === undefined ? '' : `  val ${validationLoss.toFixed(4)}`;
    const width = String(this.#epochs).length;
    return `epoch ${String(this.#epoch + 1).padStart(width)}/${this.#epochs} [${bar}] ${done}/${this.#steps}  loss ${loss.toFixed(4)}${val}  ${rate} samples/s`;
  }
}
