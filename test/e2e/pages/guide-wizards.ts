import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PROJECT } from '../../../electron/sandbox/sandbox';
import { SIZES, THEMES } from '../../support/ui-coverage';
import type { DeskClient } from '../support/desk-client';
import { expectNoA11yViolations, screenshot } from '../support/screens';
import { Frame } from './frame';

/**
 * The guided workflows A, B, C, E and F (`/guide/$workflow`), by roles and accessible names, and the
 * simulated Sinch as a client outside the app sees it: its own API with the demo project's (fake)
 * Basic credentials — the end states are checked there, never in the desk's database.
 */
export class GuideWizard {
  readonly frame: Frame;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.main = page.getByRole('main');
  }

  /** Opens `#/guide/<id>` explicitly (the landing of a fresh desk is not assumed). */
  async open(id: 'a' | 'b' | 'c' | 'e' | 'f'): Promise<void> {
    // the first screen is up, so the launch token's exchange (which rewrites the hash) is over
    await this.page.getByRole('heading', { level: 1 }).first().waitFor();
    await this.frame.open(`/guide/${id}`);
    await this.main.getByRole('heading', { level: 1 }).first().waitFor();
  }

  /** A text field (input or textarea) by its label. */
  field(label: string): Locator {
    return this.main.getByRole('textbox', { name: label, exact: true });
  }

  button(name: string | RegExp): Locator {
    return this.main.getByRole('button', { name });
  }

  region(name: string | RegExp): Locator {
    return this.main.getByRole('region', { name });
  }

  /** After Queue: sending is paused on a fresh desk (the fixture's state) — start it from the wizard. */
  async startSending(): Promise<void> {
    await this.button('Start sending').click();
    await expect(this.page.getByText('Sending is paused')).toBeHidden();
  }
}

/** The simulated Sinch's own API (the engine's embedded simulator), as an outside client calls it. */
export async function simulator(engine: DeskClient) {
  const status = await engine.must('app.status', {});
  const base = status.simulator.baseUrl;
  if (!base) throw new Error(`the Sandbox simulator is not running: ${status.simulator.detail}`);
  const auth = `Basic ${Buffer.from(`${DEMO_PROJECT.keyId}:${DEMO_PROJECT.keySecret}`).toString('base64')}`;
  const url = (path: string) => `${base}/v1/projects/${DEMO_PROJECT.projectId}${path}`;
  const read = async (res: Response) => {
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get: async (path: string) => read(await fetch(url(path), { headers: { authorization: auth } })),
    post: async (path: string, body: unknown) =>
      read(
        await fetch(url(path), {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
  };
}

export const enc = encodeURIComponent;

/**
 * Moves the simulated Sinch's clock (through the Sandbox channel) until `done` holds — the time a
 * review or provisioning takes passes in a few calls, never waited out in real time.
 */
export async function advanceUntil(
  engine: DeskClient,
  page: Page,
  done: () => Promise<boolean>,
  { minutes = 30, tries = 20 } = {},
): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await done()) return;
    await engine.must('sandbox.advanceClock', { minutes });
    await page.waitForTimeout(400);
  }
  expect(await done(), 'the end state after advancing the Sandbox clock').toBe(true);
}

/** Numbers of +1 202 555 with a random tail (each test starts on a reset Sandbox anyway). */
export function freshNumbers(count: number): string[] {
  const first = 1000 + Math.floor(Math.random() * 8000);
  return Array.from({ length: count }, (_, i) => `+1202555${String(first + i).padStart(4, '0')}`);
}

export const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
export const OTHER_PLAN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const CAMPAIGN = 'C3O8OGA';

/**
 * One state of a wizard, looked at: axe in light and dark, screenshots at both sizes, named
 * `test-results/screens/guide-<name>-populated-<theme>-<size>.png` (the `/guide/$workflow` route's
 * own empty/populated/error coverage is the guide spec's).
 */
export async function coverWizardState(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize();
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expectNoA11yViolations(page, `guide ${name} ${theme}`);
    for (const size of SIZES) await screenshot(page, `/guide-${name}`, 'populated', theme, size);
  }
  await page.emulateMedia({ colorScheme: null });
  if (viewport) await page.setViewportSize(viewport);
}
