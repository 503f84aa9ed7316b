/**
 * A worker thread of `devinst explore --workers N` (workers.ts starts it from the built dist/): it
 * explores the configurations it is given, writes its progress into the shared cells it is given,
 * and posts its SliceResult back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { exploreSlice, writeProgress, type WorkerRequest } from './runSlice.js';

const request = workerData as WorkerRequest;
parentPort!.postMessage(exploreSlice(request, (p) => writeProgress(request.progress, p)));
