import type { ChildLike } from './engine-supervisor';

/** The parts of Electron's UtilityProcess and MessagePortMain the adapter uses (structural, so tests can fake them). */
export type UtilityProcessLike = {
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): unknown;
};
export type MainPortLike = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
  close(): void;
};

/**
 * Adapt a utilityProcess to the supervisor's ChildLike, over a dedicated MessagePort (DESIGN.md:
 * "talks to over a MessagePort"). The port's other end is transferred in the first message; the
 * engine host (electron/core/host-serve.ts) then answers on it. Its 'ready' can still arrive over
 * the process's own parentPort if the engine was quicker than the port, so both are listened to.
 */
export function utilityChild(child: UtilityProcessLike, port: MainPortLike, remoteEnd: unknown): ChildLike {
  child.postMessage({ type: 'connect' }, [remoteEnd]);
  const listeners: Array<(message: unknown) => void> = [];
  const deliver = (message: unknown) => {
    for (const listener of listeners) listener(message);
  };
  child.on('message', deliver);
  port.on('message', (event) => deliver(event.data));
  port.start();
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => listeners.push(listener),
    onExit: (listener) =>
      child.once('exit', (code) => {
        port.close();
        listener(code, null);
      }),
    kill: () => {
      child.kill();
    },
  };
}
