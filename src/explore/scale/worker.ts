/**
 * A worker thread of `devinst explore --workers N` (workers.ts starts it from the built dist/): it
 * explores the configurations it is given and posts their SliceResult back (and, when asked, its
 * progress every second).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { exploreSlice, type SliceRequest } from './runSlice.js';

const request = workerData as SliceRequest & { readonly progress: boolean };
const result = exploreSlice(request, request.progress ? (progress) => parentPort!.postMessage({ progress }) : undefined);
parentPort!.postMessage({ result });
