import type { ChildProcess } from 'node:child_process';
import { fromEngineSchema, type ToEngine } from '../core/host-protocol';
import { err, type Result } from '../../shared/contract/envelope';
import { DEFAULT_RESTART_POLICY, type RestartPolicy, restartDecision } from './restart-policy';

/**
 * What the supervisor needs from an engine process. Electron's utilityProcess (+ a MessagePort)
 * and child_process.fork (tests) are both adapted to it, so the supervisor is tested for real
 * without an Electron binary.
 */
export type ChildLike = {
  send(message: ToEngine): void;
  onMessage(listener: (message: unknown) => void): void;
  /** called once when the process is gone, whatever the reason */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
};

export type SupervisorState =
  | { state: 'starting'; generation: number }
  | { state: 'ready'; generation: number; pid: number }
  | {
      state: 'restarting';
      generation: number;
      delayMs: number;
      exitCode: number | null;
      signal: string | null;
    }
  | { state: 'given-up'; message: string }
  | { state: 'stopped' };

export type EngineEventListener = (event: string, payload: unknown) => void;

type Pending = {
  resolve: (result: Result<unknown>) => void;
  channel: string;
  input: unknown;
  /** deadline timer, set when the call is sent */
  deadline?: ReturnType<typeof setTimeout>;
};

/** Long enough for the engine's heaviest call (committing a 100k-number plan takes about a second). */
export const DEFAULT_CALL_TIMEOUT_MS = 120_000;
export const timeoutMessage = (ms: number) =>
  `The engine did not answer within ${Math.round(ms / 1000)} s. If this repeats, restart the app.`;

export const RESTARTED_MESSAGE =
  'The engine stopped while handling this request and has been restarted. Nothing was lost; try again.';

/**
 * Starts the engine process, correlates request ids with answers, forwards engine events, and
 * restarts the process when it dies (policy: ./restart-policy.ts).
 *
 * A call that was in flight when the engine died is answered with an INTERNAL envelope saying so:
 * the engine may or may not have done the work, and only the engine's own crash recovery (the
 * persistent queue) can know — so the caller decides whether to retry. Calls made while the engine
 * is starting are held and sent once it says 'ready'.
 */
export class EngineSupervisor {
  private child: ChildLike | null = null;
  private generation = 0;
  private ready = false;
  private nextId = 1;
  private readonly inFlight = new Map<number, Pending>();
  private queued: Pending[] = [];
  private readonly crashTimes: number[] = [];
  private readonly eventListeners = new Set<EngineEventListener>();
  private readonly stateListeners = new Set<(state: SupervisorState) => void>();
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private current: SupervisorState = { state: 'stopped' };
  private stopping: { done: Promise<void>; resolve: () => void } | null = null;
  /** every message from the current engine bumps this: "has it said anything since?" */
  private heard = 0;

  constructor(
    private readonly options: {
      spawn: () => ChildLike;
      policy?: RestartPolicy;
      now?: () => number;
      /** per-call deadline; see `send` for what happens when it passes */
      callTimeoutMs?: number;
    },
  ) {}

  get state(): SupervisorState {
    return this.current;
  }

  start(): void {
    if (this.child || this.current.state === 'given-up') return;
    this.launch();
  }

  call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (this.current.state === 'given-up') return Promise.resolve(err('INTERNAL', this.current.message));
    if (this.stopping || this.current.state === 'stopped') {
      return Promise.resolve(err('INTERNAL', 'The engine is not running (the app is closing).'));
    }
    return new Promise((resolve) => {
      const pending: Pending = { resolve, channel, input };
      if (this.ready && this.child) this.send(pending);
      else this.queued.push(pending);
    });
  }

  subscribe(listener: EngineEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStateChange(listener: (state: SupervisorState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Ask the engine to shut down cleanly; kill it if it has not exited after `graceMs`. */
  stop(graceMs = 3_000): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child) {
      this.setState({ state: 'stopped' });
      this.failAll('The engine is not running (the app is closing).');
      return Promise.resolve();
    }
    if (this.stopping) return this.stopping.done;
    let resolve = () => {};
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    this.stopping = { done, resolve };
    const killer = setTimeout(() => child.kill(), graceMs);
    killer.unref?.();
    void done.then(() => clearTimeout(killer));
    try {
      child.send({ type: 'shutdown' });
    } catch {
      child.kill();
    }
    return done;
  }

  private launch(): void {
    this.generation += 1;
    const generation = this.generation;
    this.ready = false;
    this.setState({ state: 'starting', generation });
    let child: ChildLike;
    try {
      child = this.options.spawn();
    } catch {
      this.child = null;
      this.handleExit(generation, null, 'spawn-failed');
      return;
    }
    this.child = child;
    child.onMessage((raw) => this.handleMessage(generation, raw));
    child.onExit((code, signal) => this.handleExit(generation, code, signal));
  }

  private handleMessage(generation: number, raw: unknown): void {
    if (generation !== this.generation) return;
    this.heard += 1;
    const message = fromEngineSchema.safeParse(raw);
    if (!message.success) return;
    const m = message.data;
    if (m.type === 'ready') {
      if (this.ready) return; // repeated on the MessagePort in Electron
      this.ready = true;
      this.setState({ state: 'ready', generation, pid: m.pid });
      const queued = this.queued;
      this.queued = [];
      for (const pending of queued) this.send(pending);
    } else if (m.type === 'result') {
      const pending = this.inFlight.get(m.id);
      if (!pending) return;
      this.inFlight.delete(m.id);
      clearTimeout(pending.deadline);
      pending.resolve(m.result as Result<unknown>);
    } else {
      for (const listener of this.eventListeners) {
        try {
          listener(m.event, m.payload);
        } catch {
          // a window that went away must not stop the others
        }
      }
    }
  }

  /**
   * Sends a call with a deadline. Past it the caller gets an INTERNAL answer either way; the engine
   * is killed (and so restarted by the policy) only if it has said nothing at all since the call
   * went out — an engine that still answers other calls or sends events is busy, not hung, and
   * killing it would only interrupt its work.
   */
  private send(pending: Pending): void {
    const id = this.nextId++;
    this.inFlight.set(id, pending);
    const timeoutMs = this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const heardAtSend = this.heard;
    const generation = this.generation;
    pending.deadline = setTimeout(() => {
      if (this.inFlight.get(id) !== pending) return;
      this.inFlight.delete(id);
      pending.resolve(err('INTERNAL', timeoutMessage(timeoutMs)));
      if (generation === this.generation && this.heard === heardAtSend) this.child?.kill();
    }, timeoutMs);
    pending.deadline.unref?.();
    try {
      this.child?.send({ type: 'call', id, channel: pending.channel, input: pending.input });
    } catch {
      // the process is dying; its exit fails this call with the restart message
    }
  }

  private handleExit(generation: number, exitCode: number | null, signal: string | null): void {
    if (generation !== this.generation) return;
    this.child = null;
    this.ready = false;
    for (const pending of this.inFlight.values()) {
      clearTimeout(pending.deadline);
      pending.resolve(err('INTERNAL', RESTARTED_MESSAGE));
    }
    this.inFlight.clear();
    if (this.stopping) {
      this.failAll('The engine is not running (the app is closing).');
      this.setState({ state: 'stopped' });
      this.stopping.resolve();
      return;
    }
    const now = (this.options.now ?? Date.now)();
    this.crashTimes.push(now);
    const decision = restartDecision(this.crashTimes, now, this.options.policy ?? DEFAULT_RESTART_POLICY);
    if (decision.action === 'give-up') {
      this.setState({ state: 'given-up', message: decision.message });
      this.failAll(decision.message);
      return;
    }
    this.setState({ state: 'restarting', generation, delayMs: decision.delayMs, exitCode, signal });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.launch();
    }, decision.delayMs);
  }

  private failAll(message: string): void {
    const queued = this.queued;
    this.queued = [];
    for (const pending of queued) pending.resolve(err('INTERNAL', message));
  }

  private setState(state: SupervisorState): void {
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

/** Adapt a `child_process.fork` child (tests; any plain-Node supervisor) to ChildLike. */
export function forkedChild(child: ChildProcess): ChildLike {
  let exited = false;
  const exitListeners: Array<(code: number | null, signal: string | null) => void> = [];
  const onGone = (code: number | null, signal: string | null) => {
    if (exited) return;
    exited = true;
    for (const listener of exitListeners) listener(code, signal);
  };
  child.on('exit', (code, signal) => onGone(code, signal));
  child.on('error', () => {
    if (child.exitCode === null && child.signalCode === null && child.pid === undefined)
      onGone(null, 'spawn-error');
  });
  return {
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => exitListeners.push(listener),
    kill: () => child.kill('SIGKILL'),
  };
}

/**
 * True when the engine is ready again after a restart (not its first start): the windows are told
 * (`desk:connection`), because events pushed while it was down were lost.
 */
export const isReadyAfterRestart = (state: SupervisorState): boolean =>
  state.state === 'ready' && state.generation > 1;
