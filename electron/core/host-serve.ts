import { dispatch } from '../../shared/contract/dispatch';
import type { Engine } from './engine';
import { type FromEngine, toEngineSchema } from './host-protocol';

/** One duplex message link to the main process, whatever carries it. */
export type HostTransport = {
  send(message: FromEngine): void;
  onMessage(listener: (message: unknown) => void): void;
  /** the other side went away (fork: IPC disconnected; Electron: MessagePort closed) */
  onClose(listener: () => void): void;
};

/**
 * Answer calls and forward events over `transport` until a 'shutdown' message (or the link closes).
 * Every call goes through `dispatch`, so the engine validates input even though the main process
 * already did: the engine trusts no process boundary.
 */
export function serveEngine(
  engine: Engine,
  transport: HostTransport,
  hooks: { onShutdown(): void; onInternalError(channel: string, error: unknown): void },
): void {
  let stopping = false;
  const unsubscribe = engine.subscribe((event, payload) => transport.send({ type: 'event', event, payload }));
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    unsubscribe();
    hooks.onShutdown();
  };
  transport.onMessage((raw) => {
    const message = toEngineSchema.safeParse(raw);
    if (!message.success || stopping) return;
    if (message.data.type === 'shutdown') return shutdown();
    const { id, channel, input } = message.data;
    void dispatch(engine.handlers, channel, input, hooks.onInternalError).then((result) => {
      if (!stopping) transport.send({ type: 'result', id, result });
    });
  });
  transport.onClose(shutdown);
  transport.send({ type: 'ready', pid: process.pid });
}

/** The parts of Electron's `process.parentPort` / `MessagePortMain` we use (core never imports electron). */
type PortLike = {
  on(event: 'message', listener: (event: { data: unknown; ports?: PortLike[] }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start?(): void;
};

/**
 * Pick the link this process was started with:
 * - Electron utilityProcess: `process.parentPort`. The main process transfers a dedicated
 *   MessagePort in its first message; from then on both directions use that port.
 * - child_process.fork (tests, and any plain-Node supervisor): `process.send` / 'message'.
 */
export function detectTransport(proc: NodeJS.Process = process): HostTransport | null {
  const parentPort = (proc as NodeJS.Process & { parentPort?: PortLike }).parentPort;
  if (parentPort) return parentPortTransport(parentPort);
  if (typeof proc.send === 'function') {
    return {
      send: (message) => {
        if (proc.connected) proc.send?.(message);
      },
      onMessage: (listener) => proc.on('message', listener),
      onClose: (listener) => proc.on('disconnect', listener),
    };
  }
  return null;
}

function parentPortTransport(parentPort: PortLike): HostTransport {
  let port: PortLike | null = null;
  let messageListener: ((message: unknown) => void) | null = null;
  // The port can arrive (and calls on it) before the engine is ready to listen: hold them.
  const early: unknown[] = [];
  const closeListeners: Array<() => void> = [];
  const deliver = (data: unknown) => (messageListener ? messageListener(data) : early.push(data));
  parentPort.on('message', (event) => {
    const transferred = event.ports?.[0];
    if (transferred && !port) {
      port = transferred;
      port.on('message', (e) => deliver(e.data));
      port.on('close', () => {
        for (const listener of closeListeners) listener();
      });
      port.start?.();
      return;
    }
    deliver(event.data);
  });
  return {
    // Before the port arrives (only 'ready' can be sent that early) we answer on parentPort itself.
    send: (message) => (port ?? parentPort).postMessage(message),
    onMessage: (listener) => {
      messageListener = listener;
      for (const data of early.splice(0)) listener(data);
    },
    onClose: (listener) => closeListeners.push(listener),
  };
}
