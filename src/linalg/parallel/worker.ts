/**
 * The script a worker thread of the pool starts with (pool.ts spawns it).
 * It only loads the worker's loop (worker-loop.ts, or the module named in
 * the setup). If loading or booting it throws, the thread cannot report
 * through its 'error' event in time: the main thread sits in Atomics.wait
 * inside start() and runs no events. So the message goes on the `errors`
 * port instead, which start() polls with receiveMessageOnPort, and start()
 * fails with the real cause rather than after its timeout.
 */
import { workerData } from 'node:worker_threads';
import type { WorkerSetup } from './protocol.js';

const setup = workerData as WorkerSetup;
try {
  await import(setup.loop); // runs the loop until the pool stops
} catch (error) {
  setup.errors.postMessage(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  setup.errors.close();
}
