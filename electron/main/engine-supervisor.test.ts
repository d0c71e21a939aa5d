import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ToEngine } from '../core/host-protocol';
import {
  type ChildLike,
  EngineSupervisor,
  forkedChild,
  isReadyAfterRestart,
  RESTARTED_MESSAGE,
  type SupervisorState,
} from './engine-supervisor';

/** An in-memory engine process: the test plays the engine's side of the protocol by hand. */
class FakeChild implements ChildLike {
  readonly sent: ToEngine[] = [];
  private messageListener: (m: unknown) => void = () => {};
  private exitListener: (code: number | null, signal: string | null) => void = () => {};
  send(message: ToEngine): void {
    this.sent.push(message);
  }
  onMessage(listener: (m: unknown) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.exit(null, 'SIGKILL');
  }
  emit(message: unknown): void {
    this.messageListener(message);
  }
  exit(code: number | null, signal: string | null): void {
    this.exitListener(code, signal);
  }
  calls() {
    return this.sent.filter((m): m is Extract<ToEngine, { type: 'call' }> => m.type === 'call');
  }
}

function fakeSupervisor(
  policy = { maxCrashes: 3, windowMs: 60_000, baseDelayMs: 1, maxDelayMs: 1 },
  callTimeoutMs?: number,
) {
  const children: FakeChild[] = [];
  let now = 1_000;
  const supervisor = new EngineSupervisor({
    spawn: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    policy,
    now: () => now,
    ...(callTimeoutMs ? { callTimeoutMs } : {}),
  });
  return { supervisor, children, advance: (ms: number) => (now += ms) };
}

/** Resolves with the first state (from now on) that matches. */
function nextState<S extends SupervisorState['state']>(
  supervisor: EngineSupervisor,
  state: S,
): Promise<Extract<SupervisorState, { state: S }>> {
  return new Promise((resolve) => {
    const off = supervisor.onStateChange((s) => {
      if (s.state === state) {
        off();
        resolve(s as Extract<SupervisorState, { state: S }>);
      }
    });
  });
}

describe('EngineSupervisor call deadline', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a call the engine never answers, but leaves a busy-yet-alive engine running', async () => {
    vi.useFakeTimers();
    const { supervisor, children } = fakeSupervisor(undefined, 1_000);
    supervisor.start();
    const child = children[0] as FakeChild;
    child.emit({ type: 'ready', pid: 7 });
    const slow = supervisor.call('app.status', {});
    const [call] = child.calls();
    // the engine keeps talking (an event) while this one call is stuck
    vi.advanceTimersByTime(500);
    child.emit({ type: 'event', event: 'app.statusChanged', payload: { reason: 'keychain' } });
    vi.advanceTimersByTime(600);
    const answer = await slow;
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/did not answer within 1 s/);
    expect(children).toHaveLength(1); // not killed: it is alive
    // a late answer for the abandoned id is ignored
    child.emit({ type: 'result', id: call?.id, result: { ok: true, value: 'late' } });
    expect(supervisor.state).toMatchObject({ state: 'ready', pid: 7 });
  });

  it('kills and restarts an engine that went silent, and answers the stuck call', async () => {
    vi.useFakeTimers();
    const { supervisor, children } = fakeSupervisor(undefined, 1_000);
    supervisor.start();
    (children[0] as FakeChild).emit({ type: 'ready', pid: 7 });
    const stuck = supervisor.call('app.status', {});
    vi.advanceTimersByTime(1_001);
    expect(await stuck).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    vi.advanceTimersByTime(10); // restart delay of the policy
    expect(children).toHaveLength(2);
    (children[1] as FakeChild).emit({ type: 'ready', pid: 8 });
    const next = supervisor.call('app.status', {});
    const [call] = (children[1] as FakeChild).calls();
    (children[1] as FakeChild).emit({ type: 'result', id: call?.id, result: { ok: true, value: 'fresh' } });
    expect(await next).toEqual({ ok: true, value: 'fresh' });
  });
});

describe('EngineSupervisor (in-memory engine)', () => {
  it('holds calls until the engine is ready, then correlates answers by id', async () => {
    const { supervisor, children } = fakeSupervisor();
    supervisor.start();
    const child = children[0] as FakeChild;
    const first = supervisor.call('app.status', {});
    const second = supervisor.call('keychain.probe', {});
    expect(child.calls()).toHaveLength(0);
    child.emit({ type: 'ready', pid: 42 });
    expect(supervisor.state).toEqual({ state: 'ready', generation: 1, pid: 42 });
    const [a, b] = child.calls();
    expect([a?.channel, b?.channel]).toEqual(['app.status', 'keychain.probe']);
    // answered out of order
    child.emit({ type: 'result', id: b?.id, result: { ok: true, value: 'second' } });
    child.emit({ type: 'result', id: a?.id, result: { ok: true, value: 'first' } });
    expect(await first).toEqual({ ok: true, value: 'first' });
    expect(await second).toEqual({ ok: true, value: 'second' });
  });

  it('drops malformed messages and answers for unknown ids', async () => {
    const { supervisor, children } = fakeSupervisor();
    supervisor.start();
    const child = children[0] as FakeChild;
    child.emit({ type: 'ready', pid: 1 });
    const call = supervisor.call('app.status', {});
    const id = child.calls()[0]?.id;
    child.emit('garbage');
    child.emit({ type: 'result', id: 999, result: { ok: true, value: 'not yours' } });
    child.emit({ type: 'result', id, result: { ok: 'maybe' } });
    child.emit({ type: 'result', id, result: { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } } });
    expect(await call).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } });
  });

  it('forwards engine events to subscribers until they unsubscribe', () => {
    const { supervisor, children } = fakeSupervisor();
    supervisor.start();
    const child = children[0] as FakeChild;
    const seen: unknown[] = [];
    const off = supervisor.subscribe((event, payload) => seen.push([event, payload]));
    supervisor.subscribe(() => {
      throw new Error('a broken window');
    });
    child.emit({ type: 'event', event: 'app.statusChanged', payload: { reason: 'keychain' } });
    off();
    child.emit({ type: 'event', event: 'app.statusChanged', payload: { reason: 'workspace' } });
    expect(seen).toEqual([['app.statusChanged', { reason: 'keychain' }]]);
  });

  it('fails in-flight calls when the engine dies, restarts it, and sends held calls to the new one', async () => {
    const { supervisor, children } = fakeSupervisor();
    supervisor.start();
    const first = children[0] as FakeChild;
    first.emit({ type: 'ready', pid: 1 });
    const inFlight = supervisor.call('app.status', {});
    const restarting = nextState(supervisor, 'restarting');
    first.exit(null, 'SIGKILL');
    expect(await inFlight).toEqual({ ok: false, error: { code: 'INTERNAL', message: RESTARTED_MESSAGE } });
    expect(await restarting).toMatchObject({ generation: 1, signal: 'SIGKILL', delayMs: 1 });

    const held = supervisor.call('app.status', {});
    await nextState(supervisor, 'starting');
    const second = children[1] as FakeChild;
    // late messages from the dead process are ignored
    first.emit({ type: 'ready', pid: 1 });
    expect(second.calls()).toHaveLength(0);
    second.emit({ type: 'ready', pid: 2 });
    const call = second.calls()[0];
    expect(call?.channel).toBe('app.status');
    second.emit({ type: 'result', id: call?.id, result: { ok: true, value: 'after restart' } });
    expect(await held).toEqual({ ok: true, value: 'after restart' });
    expect(children).toHaveLength(2);
  });

  it('gives up after too many crashes in the window, says so, and answers every call with it', async () => {
    const { supervisor, children, advance } = fakeSupervisor({
      maxCrashes: 2,
      windowMs: 10_000,
      baseDelayMs: 1,
      maxDelayMs: 1,
    });
    supervisor.start();
    (children[0] as FakeChild).exit(1, null);
    await nextState(supervisor, 'starting');
    advance(500);
    const held = supervisor.call('app.status', {});
    const givenUp = nextState(supervisor, 'given-up');
    (children[1] as FakeChild).exit(1, null);
    const state = await givenUp;
    expect(state.message).toMatch(/stopped 2 times within 10 s/);
    expect(await held).toEqual({ ok: false, error: { code: 'INTERNAL', message: state.message } });
    expect(await supervisor.call('app.status', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: state.message },
    });
    expect(children).toHaveLength(2);
  });

  it('crashes far apart never give up', async () => {
    const { supervisor, children, advance } = fakeSupervisor({
      maxCrashes: 2,
      windowMs: 10_000,
      baseDelayMs: 1,
      maxDelayMs: 1,
    });
    supervisor.start();
    for (let i = 0; i < 4; i++) {
      const starting = nextState(supervisor, 'starting');
      (children[i] as FakeChild).exit(1, null);
      await starting;
      advance(20_000);
    }
    expect(children).toHaveLength(5);
    expect(supervisor.state.state).toBe('starting');
  });

  it('stop() asks for a clean shutdown and does not restart', async () => {
    const { supervisor, children } = fakeSupervisor();
    supervisor.start();
    const child = children[0] as FakeChild;
    child.emit({ type: 'ready', pid: 1 });
    const stopped = supervisor.stop();
    expect(child.sent.at(-1)).toEqual({ type: 'shutdown' });
    child.exit(0, null);
    await stopped;
    expect(supervisor.state).toEqual({ state: 'stopped' });
    expect(children).toHaveLength(1);
    expect((await supervisor.call('app.status', {})).ok).toBe(false);
  });
});

describe('EngineSupervisor with the real engine host (child_process.fork standing in for utilityProcess)', () => {
  const hostPath = resolve(import.meta.dirname, '../core/host.ts');
  let dataDir = '';
  let supervisor: EngineSupervisor | null = null;
  const processes: ChildProcess[] = [];

  afterEach(async () => {
    await supervisor?.stop(2_000);
    for (const p of processes) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    processes.length = 0;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  function startSupervisor() {
    dataDir = mkdtempSync(join(tmpdir(), 'desk-supervisor-'));
    supervisor = new EngineSupervisor({
      spawn: () => {
        const child = fork(hostPath, ['--data-dir', dataDir, '--shell', 'test'], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        processes.push(child);
        return forkedChild(child);
      },
      policy: { maxCrashes: 3, windowMs: 60_000, baseDelayMs: 10, maxDelayMs: 10 },
    });
    const ready = nextState(supervisor, 'ready');
    supervisor.start();
    return { supervisor, ready };
  }

  it('answers app.status, survives SIGKILL by restarting, and answers again', async () => {
    const { supervisor, ready } = startSupervisor();
    const firstPid = (await ready).pid;
    const before = await supervisor.call('app.status', {});
    expect(before).toMatchObject({ ok: true, value: { shell: 'test', dataDir } });

    const restarting = nextState(supervisor, 'restarting');
    const readyAgain = nextState(supervisor, 'ready');
    process.kill(firstPid, 'SIGKILL');
    expect(await restarting).toMatchObject({ signal: 'SIGKILL' });
    const secondPid = (await readyAgain).pid;
    expect(secondPid).not.toBe(firstPid);
    expect(processes).toHaveLength(2);

    const after = await supervisor.call('app.status', {});
    expect(after).toMatchObject({ ok: true, value: { shell: 'test', dataDir } });
  });

  it('the engine validates too: unknown channels and bad input come back as VALIDATION', async () => {
    const { supervisor, ready } = startSupervisor();
    await ready;
    expect(await supervisor.call('no.such.channel', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await supervisor.call('app.status', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('shuts the engine down cleanly on stop()', async () => {
    const { supervisor, ready } = startSupervisor();
    await ready;
    const child = processes[0] as ChildProcess;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await supervisor.stop();
    expect(await exited).toBe(0);
    expect(supervisor.state).toEqual({ state: 'stopped' });
  });
});

describe('isReadyAfterRestart', () => {
  it('is true only for ready after a restart (the windows refetch), never for the first start', () => {
    expect(isReadyAfterRestart({ state: 'ready', generation: 1, pid: 10 })).toBe(false);
    expect(isReadyAfterRestart({ state: 'ready', generation: 2, pid: 11 })).toBe(true);
    expect(isReadyAfterRestart({ state: 'starting', generation: 2 })).toBe(false);
    expect(isReadyAfterRestart({ state: 'stopped' })).toBe(false);
  });
});
