import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/log';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import type { RunningSimulator } from '../../electron/sandbox';
import type { ChannelName, Input, Output } from '../../shared/contract';
import { dispatch } from '../../shared/contract/dispatch';
import { tempDataDir } from './fixture';
import { startHarnessSimulator } from './simulator';

/**
 * Issue 10 finding 1, at the contract: the key secret is bound to the endpoints it was entered for.
 * A Live workspace is set up against the simulator, then repointed (base AND token URL) at a loopback
 * listener that records every byte it receives. credentials.test, sync.start and a running sync with
 * fresh work must then send nothing of the secret there — not the secret, not base64(keyId:secret).
 */

/** A raw TCP listener on 127.0.0.1 that keeps every byte and answers any request with a 401. */
async function startRecorder(): Promise<{ url: string; received: () => Buffer; close(): Promise<void> }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      socket.write('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      socket.end();
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    received: () => Buffer.concat(chunks),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

/** A keychain whose delete can be made to fail (the repoint must still make the secret unusable). */
class FlakyDeleteStore extends MemorySecretStore {
  failDelete = false;
  override async delete(name: string): Promise<boolean> {
    if (this.failDelete) throw new Error('the keychain did not answer');
    return super.delete(name);
  }
}

async function setUp(options: { failDelete?: boolean } = {}) {
  const tag = randomBytes(6).toString('hex');
  const project = { projectId: randomUUID(), keyId: `fake-key-id-${tag}`, keySecret: `fake-secret-${tag}` };
  const sim: RunningSimulator = await startHarnessSimulator({ projects: [project] });
  cleanups.push(() => sim.close());
  const recorder = await startRecorder();
  cleanups.push(() => recorder.close());
  const data = tempDataDir('hd-binding-');
  cleanups.push(() => data.cleanup());
  const secretStore = new FlakyDeleteStore();
  const engine: Engine = await createEngine({
    dataDir: data.dir,
    secretStore,
    shell: 'test',
    logger: silentLogger,
    simulator: false,
    sinchClient: { retry: { maxAttempts: 1 }, timeoutMs: 3_000 },
  });
  cleanups.push(() => engine.close());
  const call = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await dispatch(engine.handlers, channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as Output<C>;
  };
  const live = await call('workspaces.create', {
    name: 'Acme',
    projectId: project.projectId,
    keyId: project.keyId,
    baseUrl: sim.baseUrl,
    tokenUrl: sim.authUrl,
    testEndpoint: true,
  });
  await call('credentials.set', { workspaceId: live.id, keySecret: project.keySecret });
  expect(await call('credentials.test', { workspaceId: live.id })).toMatchObject({ ok: true });
  await call('workspaces.switch', { id: live.id });
  expect(await call('sync.start', {})).toMatchObject({ running: true });
  secretStore.failDelete = options.failDelete ?? false;
  const needles = [
    project.keySecret,
    Buffer.from(`${project.keyId}:${project.keySecret}`).toString('base64'),
    encodeURIComponent(project.keySecret),
  ];
  return { engine, call, live, recorder, needles, secretStore, project };
}

const rows = (first: number) =>
  Array.from({ length: 3 }, (_, i) => ({
    phoneNumber: `+1202555${String(first + i).padStart(4, '0')}`,
    action: 'import' as const,
    servicePlanId: '07d6c2621f364b68856fe4938b7bb78f',
  }));

describe('the key secret is bound to its endpoints (issue 10, finding 1)', () => {
  for (const failDelete of [false, true])
    it(`repoint + credentials.test + sync send zero bytes of the secret to the new URL${failDelete ? ' (keychain delete fails)' : ''}`, async () => {
      const h = await setUp({ failDelete });
      const updated = await h.call('workspaces.update', {
        id: h.live.id,
        patch: { baseUrl: h.recorder.url, tokenUrl: `${h.recorder.url}/oauth2/token` },
      });
      expect(updated.secretCleared).toBe(true);
      expect(await h.call('credentials.status', { workspaceId: h.live.id })).toMatchObject({
        keySecret: false,
      });

      expect(await h.call('credentials.test', { workspaceId: h.live.id })).toMatchObject({ ok: false });
      // the sync that was running restarts on the new endpoint: it must have nothing to send with
      await h.call('plan.commit', { rows: rows(100), intentId: 'after-repoint', label: 'after' });
      await h.engine.internals.sync()?.idle();
      await expect(h.call('sync.start', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await h.call('sync.status', {})).toMatchObject({ status: 'credentials-missing' });

      const received = h.recorder.received().toString('latin1');
      for (const needle of h.needles) expect(received.includes(needle), `leaked ${needle}`).toBe(false);
      expect(received).not.toMatch(/authorization:\s*basic/i);
    });

  it('a name-only edit keeps the secret', async () => {
    const h = await setUp();
    const updated = await h.call('workspaces.update', { id: h.live.id, patch: { name: 'Acme 2' } });
    expect(updated.secretCleared ?? false).toBe(false);
    expect(await h.call('credentials.status', { workspaceId: h.live.id })).toMatchObject({ keySecret: true });
  });

  it('Live endpoints are https; plain http only to loopback and only on a test endpoint', async () => {
    const h = await setUp();
    const projectId = h.project.projectId;
    await expect(
      h.call('workspaces.create', { name: 'A', projectId, baseUrl: 'http://sinch.example.com' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/base URL.*https/i) });
    await expect(
      h.call('workspaces.create', { name: 'B', projectId, tokenUrl: 'http://127.0.0.1:9/token' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/token URL/i) });
    await expect(
      h.call('workspaces.create', {
        name: 'C',
        projectId,
        baseUrl: 'http://10.0.0.8:8080',
        testEndpoint: true,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      h.call('workspaces.update', { id: h.live.id, patch: { testEndpoint: false } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const ok = await h.call('workspaces.create', {
      name: 'D',
      projectId,
      baseUrl: 'https://eu.imported.numbers.api.sinch.com',
    });
    expect(ok.baseUrl).toBe('https://eu.imported.numbers.api.sinch.com');
  });
});
