/**
 * A worker of the pool: its loop (runs in its own thread; loaded by
 * worker.ts, which pool.ts starts).
 *
 * Through protocol's `serveJobs` it sleeps in Atomics.wait on the job
 * counter; for each job it takes chunks of C and
 * computes them with the same loop and kernel as the main thread
 * (protocol's `takeChunks`, which runs `gemmBlocked`, so every C_ij is
 * summed in the same order), reports through PENDING, and sleeps again.
 * It never returns to its event loop while the pool runs, so it needs no
 * message per job; a new data buffer arrives on its port only when the
 * pool grows, and is read synchronously with receiveMessageOnPort.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import {
  ALPHA, AXIS, A_OFFSET, BETA, B_OFFSET, CHUNKS, C_OFFSET, EPOCH, K, M, N,
  PARTS, TRANS_A, TRANS_B, serveJobs, takeChunks,
} from './protocol.js';
import type { DataMessage, WorkerSetup } from './protocol.js';

const setup = workerData as WorkerSetup;
const control = new Int32Array(setup.control);
const scalars = new Float64Array(setup.scalars);
const port = parentPort!;

let epoch = 0;
let data: Float64Array = new Float64Array(0);

/** Compute chunks of the announced product into the shared data buffer until none is left. */
function runJob(): void {
  const wanted = Atomics.load(control, EPOCH);
  while (epoch !== wanted) {
    // The pool posted the buffer before announcing the job, so it is queued.
    const received = receiveMessageOnPort(port);
    if (received === undefined) throw new Error(`parallel worker: data buffer ${wanted} was not sent`);
    const message = received.message as DataMessage;
    epoch = message.epoch;
    data = new Float64Array(message.data);
  }
  if (setup.part >= control[PARTS]) return; // a product capped to fewer threads (after taking the buffer: no backlog)
  const m = control[M], n = control[N], k = control[K];
  const job = {
    transA: control[TRANS_A] === 1, transB: control[TRANS_B] === 1, m, n, k,
    alpha: scalars[ALPHA], beta: scalars[BETA], axis: control[AXIS], chunks: control[CHUNKS],
  };
  const A = data.subarray(control[A_OFFSET], control[A_OFFSET] + m * k);
  const B = data.subarray(control[B_OFFSET], control[B_OFFSET] + k * n);
  const C = data.subarray(control[C_OFFSET], control[C_OFFSET] + m * n);
  takeChunks(control, job, A, B, C, null);
}

serveJobs(control, runJob);
// EXIT: the script ends here, and with nothing left on its event loop the thread exits.
