/**
 * The script a worker thread of the pool starts with (pool.ts spawns it).
 * It only loads the worker's loop (worker-loop.ts, or the module named in
 * the setup) and reports two things the main thread could not otherwise
 * see while it sits in Atomics.wait (its event loop, where the Worker's
 * 'error' and 'exit' events arrive, does not run then):
 *  - an error that keeps the loop from loading or booting goes on the
 *    `errors` port, which start() polls with receiveMessageOnPort, so that
 *    start() fails with the real cause rather than after its timeout;
 *  - the thread's end, however it comes (EXIT, process.exit() in the loop,
 *    an uncaught exception), is counted in GONE and rings BELL from the
 *    thread's 'exit' handler, so that a product waiting for this worker's
 *    chunk stops waiting at once. (A thread killed without its handler,
 *    terminate() or a fatal V8 error, is caught by the product's time bound
 *    instead: product.ts.)
 */
import { workerData } from 'node:worker_threads';
import { GONE, ringBell } from './protocol.js';
import type { WorkerSetup } from './protocol.js';

const setup = workerData as WorkerSetup;
const control = new Int32Array(setup.control);
process.once('exit', () => {
  Atomics.add(control, GONE, 1);
  ringBell(control);
});
try {
  await import(setup.loop); // runs the loop until the pool stops
} catch (error) {
  setup.errors.postMessage(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  setup.errors.close();
}
