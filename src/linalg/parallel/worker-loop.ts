/**
 * A worker of the pool: its loop (runs in its own thread; loaded by
 * worker.ts, which pool.ts starts).
 *
 * Through protocol's `serveWorker` it sleeps in Atomics.wait on the job
 * counter; for each job it takes chunks of C and computes them with the
 * same kernel as the main thread (`computeChunk`, which runs `gemmBlocked`,
 * so every C_ij is summed in the same order), marks each one done in the
 * shared control block, and sleeps again. It never returns to its event
 * loop while the pool runs, so it needs no message per job; a new data
 * buffer arrives on its port only when the pool needs a new one, and is
 * read synchronously with receiveMessageOnPort.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { computeChunk, serveWorker } from './protocol.js';
import type { WorkerSetup } from './protocol.js';

serveWorker(workerData as WorkerSetup, parentPort as MessagePort, computeChunk);
// EXIT: the script ends here, and with nothing left on its event loop the thread exits.
