import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EngineSupervisor } from './engine-supervisor';
import { utilityChild } from './utility-child';

class FakeUtilityProcess extends EventEmitter {
  readonly posted: Array<[unknown, unknown[] | undefined]> = [];
  killed = 0;
  postMessage(message: unknown, transfer?: unknown[]): void {
    this.posted.push([message, transfer]);
  }
  kill(): boolean {
    this.killed++;
    return true;
  }
}
class FakeMainPort extends EventEmitter {
  readonly posted: unknown[] = [];
  started = false;
  closed = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
}

describe('utilityChild (Electron utilityProcess + MessagePort → ChildLike)', () => {
  it('transfers the port, takes ready from either side, talks over the port, closes it on exit', async () => {
    const processes: FakeUtilityProcess[] = [];
    const ports: FakeMainPort[] = [];
    const remoteEnd = { name: 'port2' };
    const supervisor = new EngineSupervisor({
      spawn: () => {
        const child = new FakeUtilityProcess();
        const port = new FakeMainPort();
        processes.push(child);
        ports.push(port);
        return utilityChild(child, port, remoteEnd);
      },
      policy: { maxCrashes: 3, windowMs: 60_000, baseDelayMs: 1, maxDelayMs: 1 },
    });
    supervisor.start();
    const child = processes[0] as FakeUtilityProcess;
    const port = ports[0] as FakeMainPort;
    expect(child.posted).toEqual([[{ type: 'connect' }, [remoteEnd]]]);
    expect(port.started).toBe(true);

    const call = supervisor.call('app.status', {});
    child.emit('message', { type: 'ready', pid: 10 }); // over parentPort, before the port was taken
    port.emit('message', { data: { type: 'ready', pid: 10 } }); // repeated on the port: ignored
    expect(port.posted).toEqual([{ type: 'call', id: 1, channel: 'app.status', input: {} }]);
    port.emit('message', { data: { type: 'result', id: 1, result: { ok: true, value: 'over the port' } } });
    expect(await call).toEqual({ ok: true, value: 'over the port' });

    const restarted = new Promise((resolve) =>
      supervisor.onStateChange((s) => s.state === 'starting' && resolve(s)),
    );
    child.emit('exit', 9);
    expect(port.closed).toBe(true);
    expect(supervisor.state).toMatchObject({ state: 'restarting', exitCode: 9 });
    await restarted;
    expect(processes).toHaveLength(2);
  });
});
