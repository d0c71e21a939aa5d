import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { QueueScreen } from './pages/queue';

/**
 * The renderer never polls (UI.md "Where data lives"): counted at the page's transport — every
 * `fetch` to /rpc/<channel> and every engine event the EventSource delivers.
 * - While a batch runs, each RPC follows, within 1 s, an event that the event table maps to its channel.
 * - With sync paused, an hour of page time makes no RPC at all.
 */
type Transport = {
  rpcs: Array<{ channel: string; at: number }>;
  events: Array<{ name: string; at: number }>;
};

async function countTransport(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: Transport = { rpcs: [], events: [] };
    (window as unknown as { transport: Transport }).transport = log;
    const realFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const rpc = /\/rpc\/([\w.]+)/.exec(url);
      if (rpc?.[1]) log.rpcs.push({ channel: rpc[1], at: performance.now() });
      return realFetch(input, init);
    };
    const add = EventSource.prototype.addEventListener;
    EventSource.prototype.addEventListener = function (
      this: EventSource,
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ) {
      if (type === 'open' || type === 'error' || typeof listener !== 'function')
        return add.call(this, type, listener, options);
      return add.call(
        this,
        type,
        (event: Event) => {
          log.events.push({ name: type, at: performance.now() });
          listener.call(this, event);
        },
        options,
      );
    } as typeof EventSource.prototype.addEventListener;
  });
}

const transport = (page: Page) =>
  page.evaluate(() => (window as unknown as { transport: Transport }).transport);
const resetTransport = (page: Page) =>
  page.evaluate(() => {
    const t = (window as unknown as { transport: Transport }).transport;
    t.rpcs.length = 0;
    t.events.length = 0;
  });

/** What each event re-asks, as renderer/src/lib/event-table.ts says (channel prefixes). */
const REASKS: Record<string, readonly string[]> = {
  'jobs.changed': ['jobs.', 'audit.'],
  'orders.changed': ['orders.'],
  'numbers.changed': ['numbers.', 'orders.get'],
  'app.statusChanged': ['app.status', 'sync.status', 'credentials.status'],
  'workspaces.changed': ['workspaces.', 'app.status'],
  'loaProfiles.changed': ['loaProfiles.'],
};

test('while a batch runs, every RPC follows an event that maps to it within 1 s', async ({ app }) => {
  const { page, desk } = app;
  await countTransport(page);
  const id = `live${Date.now().toString(36)}`;
  await desk.engine.must('plan.commit', {
    rows: Array.from({ length: 6 }, (_, i) => ({
      phoneNumber: `+1202555${String(3000 + Math.floor(Math.random() * 900) + i).padStart(4, '0')}`,
      action: 'import' as const,
      servicePlanId: '07d6c2621f364b68856fe4938b7bb78f',
    })),
    intentId: id,
    label: `Live ${id}`,
  });
  await page.reload();
  const queue = new QueueScreen(page);
  await queue.open(`?batch=${id}`);
  await expect(queue.batch(`Live ${id}`)).toContainText('Waiting to send');
  await page.waitForTimeout(500);
  await resetTransport(page);
  // started elsewhere (not by the page), so every call the page makes from here on is a reaction
  await desk.engine.must('sync.start', {});
  const batch = queue.batch(`Live ${id}`);
  for (let i = 0; i < 12 && !((await batch.textContent()) ?? '').includes('Done'); i++) {
    await desk.engine.must('sandbox.advanceClock', { minutes: 30 });
    await page.waitForTimeout(400);
  }
  await expect(batch).toContainText('Done');
  await page.waitForTimeout(500);
  await desk.engine.must('sync.pause', {});
  const { rpcs, events } = await transport(page);
  expect(events.length).toBeGreaterThan(0);
  expect(rpcs.length).toBeGreaterThan(0);
  const orphans = rpcs.filter(
    (rpc) =>
      !events.some(
        (e) =>
          e.at <= rpc.at &&
          rpc.at - e.at <= 1_000 &&
          (REASKS[e.name] ?? []).some((prefix) => rpc.channel.startsWith(prefix)),
      ),
  );
  expect(orphans).toEqual([]);
});

test('with sync paused, an hour of page time makes no RPC', async ({ app }) => {
  const { page } = app;
  await countTransport(page);
  await page.clock.install();
  await page.reload();
  const queue = new QueueScreen(page);
  await queue.open();
  await expect(queue.syncToggle).toHaveText('Resume sync');
  await page.waitForTimeout(500);
  await resetTransport(page);
  await page.clock.runFor(60 * 60_000);
  await page.waitForTimeout(300);
  expect((await transport(page)).rpcs).toEqual([]);
});
