import { createIntakeWorkerCore } from './intake-worker-core';
import type { FromWorker, ToWorker } from './intake-protocol';

/**
 * The intake module worker (UI.md: papaparse's own blob worker is blocked by the CSP). Parsing
 * 100,000 rows here keeps the page's main thread free; the page sends the chunks on to the engine
 * (`desk.call('intake.append', …)`): a worker has no `window.desk` in Electron.
 * Built by Vite from `new Worker(new URL('../workers/intake.worker.ts', import.meta.url), { type: 'module' })`.
 */
type WorkerScope = {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: { data: ToWorker }) => void): void;
};
const scope = self as unknown as WorkerScope;
const handle = createIntakeWorkerCore((message) => scope.postMessage(message));
scope.addEventListener('message', (event) => handle(event.data));
