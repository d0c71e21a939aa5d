import type { Locator, Page } from '@playwright/test';
import { DEMO_PROJECT } from '../../../electron/sandbox';
import type { DeskClient } from '../support/desk-client';
import { Frame } from './frame';

/** The Numbers screens (`/numbers`, `/numbers/$e164`), by roles and accessible names. */
export class NumbersScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly numbers: Locator;
  readonly filters: Locator;
  readonly search: Locator;
  readonly loadError: Locator;
  readonly numberState: Locator;
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { name: 'Numbers', level: 1 });
    this.numbers = page.getByRole('grid', { name: 'Numbers' });
    this.filters = page.getByRole('navigation', { name: 'Show numbers' });
    this.search = page.getByRole('searchbox', { name: 'Search by digits' });
    this.loadError = page.getByRole('alert').filter({ hasText: 'Could not load the numbers' });
    this.numberState = page.getByRole('region', { name: 'Number state' });
    this.timeline = page.getByRole('list', { name: 'Timeline of this number' });
  }

  async open(search = ''): Promise<void> {
    // the first screen is up, so the launch token's exchange (which rewrites the hash) is over
    await this.page.getByRole('heading', { level: 1 }).first().waitFor();
    await this.frame.open(`/numbers${search}`);
    await this.heading.waitFor();
  }

  async openNumber(phone: string): Promise<void> {
    await this.page.getByRole('heading', { level: 1 }).first().waitFor();
    await this.frame.open(`/numbers/${encodeURIComponent(phone)}`);
    await this.page.getByRole('heading', { name: phone, level: 1 }).waitFor();
  }

  rows(): Locator {
    return this.numbers.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }
}

/**
 * The simulated Sinch's own API, outside the app (Basic auth with the simulator's fake demo key): how
 * a test checks an end state on Sinch's side, or makes an order the desk did not make.
 */
export async function sinchApi(engine: DeskClient) {
  const status = await engine.must('app.status', {});
  const base = status.simulator.baseUrl;
  if (!base) throw new Error(`the Sandbox simulator is not running: ${status.simulator.detail}`);
  const auth = `Basic ${Buffer.from(`${DEMO_PROJECT.keyId}:${DEMO_PROJECT.keySecret}`).toString('base64')}`;
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/v1/projects/${DEMO_PROJECT.projectId}${path}`, {
      method,
      headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read Sinch's answers ad hoc
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
}
