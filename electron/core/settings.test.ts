import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from './secrets/memory-secret-store';
import { appSettingsFile } from './settings/app-settings';
import { cleanupsAfterEach, startTestEngine } from './test-kit';

/** `settings.get` / `settings.set` (issue 7 item 4) through the contract, as a screen calls them. */
const cleanups = cleanupsAfterEach();

async function start(dir?: string, secretStore = new MemorySecretStore()) {
  const { dataDir, call, raw, events, close } = await startTestEngine(cleanups, {
    prefix: 'hd-settings-',
    secretStore,
    ...(dir ? { dataDir: dir } : {}),
  });
  return { dataDir, secretStore, call, raw, events, close };
}

const value = async (h: Awaited<ReturnType<typeof start>>, key: string) =>
  (await h.call('settings.get', {})).items.find((i) => i.key === key);

describe('settings', () => {
  it('answers the defaults when nothing is stored', async () => {
    const h = await start();
    const { items } = await h.call('settings.get', {});
    expect(Object.fromEntries(items.map((i) => [i.key, [i.scope, i.value, i.isDefault]]))).toEqual({
      'intake.columnMappings': ['workspace', {}, true],
      'tables.layout': ['app', {}, true],
      notifications: ['app', { orderCompleted: true, orderRejected: true, signatureWaitingHours: 24 }, true],
      'notifications.sent': ['workspace', [], true],
      'qualification.reviewLimitBusinessDays': ['workspace', 5, true],
      'voice.maxAttempts': ['workspace', 3, true],
      'welcome.tourSeen': ['app', false, true],
    });
    expect(items.find((i) => i.key === 'voice.maxAttempts')?.workspaceId).toBe('sandbox');
    expect(items.find((i) => i.key === 'notifications')?.workspaceId).toBeNull();
  });

  it('stores app-wide settings in the data directory and workspace ones per workspace', async () => {
    const h = await start();
    const layout = { jobs: { widths: { state: 120 }, order: ['id', 'state'], hidden: ['key'] } };
    expect(await h.call('settings.set', { key: 'tables.layout', value: layout })).toMatchObject({
      key: 'tables.layout',
      value: layout,
      isDefault: false,
    });
    const mapping = { 'phone|plan': { Phone: 'phoneNumber', Plan: 'servicePlanId' } };
    await h.call('settings.set', { key: 'intake.columnMappings', value: mapping });
    await h.call('settings.set', { key: 'voice.maxAttempts', value: 4 });
    expect(JSON.parse(readFileSync(appSettingsFile(h.dataDir), 'utf8'))).toEqual({ 'tables.layout': layout });
    await new Promise((resolve) => setTimeout(resolve, 150)); // the event window
    const changed = h.events.filter(([e]) => e === 'settings.changed').map(([, p]) => p);
    expect(changed[0]).toEqual({ keys: ['tables.layout'], workspaceId: null });
    expect(changed.flatMap((p) => (p as { keys: string[] }).keys).sort()).toEqual([
      'intake.columnMappings',
      'tables.layout',
      'voice.maxAttempts',
    ]);

    // another workspace: the app-wide layout, its own (default) workspace settings
    const live = await h.call('workspaces.create', {
      name: 'Live',
      projectId: 'd1923022-5199-4bb3-a513-c47b3a656bc5',
    });
    await h.call('workspaces.switch', { id: live.id });
    expect(await value(h, 'tables.layout')).toMatchObject({ value: layout, isDefault: false });
    expect(await value(h, 'voice.maxAttempts')).toMatchObject({
      value: 3,
      isDefault: true,
      workspaceId: live.id,
    });
    await h.call('workspaces.switch', { id: 'sandbox' });
    expect(await value(h, 'voice.maxAttempts')).toMatchObject({ value: 4, workspaceId: 'sandbox' });
    expect(await value(h, 'intake.columnMappings')).toMatchObject({ value: mapping });

    // both survive a restart
    await h.close();
    const again = await start(h.dataDir, h.secretStore);
    expect(await value(again, 'tables.layout')).toMatchObject({ value: layout });
    expect(await value(again, 'voice.maxAttempts')).toMatchObject({ value: 4 });
  });

  it('refuses a value its key’s schema does not accept, and an unknown key, naming the field', async () => {
    const h = await start();
    for (const [input, path] of [
      [{ key: 'voice.maxAttempts', value: 0 }, 'value'],
      [
        {
          key: 'notifications',
          value: { orderCompleted: 'yes', orderRejected: true, signatureWaitingHours: 24 },
        },
        'value.orderCompleted',
      ],
      [{ key: 'no.such.key', value: 1 }, 'key'],
    ] as const) {
      const result = await h.raw('settings.set', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      if (result.ok) continue;
      expect((result.error.details as Array<{ path: string }>).map((d) => d.path)).toContain(path);
    }
    expect(await value(h, 'voice.maxAttempts')).toMatchObject({ value: 3, isDefault: true });
  });

  it('a damaged app settings file means defaults, not a failed screen', async () => {
    const h = await start();
    writeFileSync(appSettingsFile(h.dataDir), '{ not json');
    expect(await value(h, 'notifications')).toMatchObject({ isDefault: true });
    await h.call('settings.set', {
      key: 'notifications',
      value: { orderCompleted: false, orderRejected: true, signatureWaitingHours: null },
    });
    expect(await value(h, 'notifications')).toMatchObject({
      value: { orderCompleted: false },
      isDefault: false,
    });
  });
});
