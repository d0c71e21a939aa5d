import type { Locator, Page } from '@playwright/test';
import { Frame } from './frame';

/** "Bring numbers" (`/intake`), by roles and accessible names. */
export class IntakeScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly fileInput: Locator;
  readonly paste: Locator;
  readonly usePasted: Locator;
  readonly readError: Locator;
  readonly steps: Locator;
  readonly stepTitle: Locator;
  readonly next: Locator;
  readonly summary: Locator;
  readonly counts: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { name: 'Bring numbers', level: 1 });
    this.fileInput = page.getByLabel('Choose a file');
    this.paste = page.getByLabel('Or paste numbers');
    this.usePasted = page.getByRole('button', { name: 'Use pasted numbers' });
    this.readError = page.getByRole('alert').filter({ hasText: 'could not be read' });
    this.steps = page.getByRole('list', { name: 'Steps' });
    this.stepTitle = page.getByRole('heading', { level: 2 }).first();
    this.next = page.getByRole('button', { name: /^(Next|Check the rows)$/ });
    this.summary = page.getByRole('status').filter({ hasText: 'rows read' });
    this.counts = page.getByRole('list', { name: 'Rows by status' });
    this.problems = page.getByRole('table', { name: /Rows that need attention/ });
  }

  async open(): Promise<void> {
    await this.frame.railLink('Bring numbers').click();
  }

  /** The count shown for a status ('valid' | 'fixed' | 'duplicate' | 'error'). */
  count(status: string): Locator {
    return this.counts.locator(`[data-status="${status}"]`);
  }

  columnRole(label: string): Locator {
    return this.page.getByRole('combobox', { name: `Use ${label} as` });
  }
}
