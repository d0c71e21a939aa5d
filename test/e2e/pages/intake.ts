import { expect, type Locator, type Page } from '@playwright/test';
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

/** One draft's rows (`/intake/$draftId`). */
export class DraftScreen {
  readonly heading: Locator;
  readonly lede: Locator;
  readonly grid: Locator;
  readonly reviewPlan: Locator;
  readonly undo: Locator;
  readonly loadError: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.lede = page.locator('.page-lede');
    this.grid = page.getByRole('grid', { name: 'Rows of the list' });
    this.reviewPlan = page.getByRole('link', { name: 'Review the plan' });
    this.undo = page.getByRole('button', { name: 'Undo last change' });
    this.loadError = page.getByRole('alert').filter({ hasText: 'Could not open this draft' });
  }

  filter(label: string): Locator {
    return this.page.getByRole('radio', { name: label, exact: true });
  }

  /** Types a service plan for the whole list and saves it; waits until the engine has it. */
  async applyServicePlan(id: string): Promise<void> {
    await this.page.getByLabel('Service plan ID for the list').fill(id);
    const save = this.page.getByRole('button', { name: 'Use for every row' });
    await save.click();
    await expect(save).toBeDisabled();
  }

  idFromUrl(): string {
    const id = /#\/intake\/([^?]+)/.exec(this.page.url())?.[1];
    if (!id) throw new Error(`not on a draft: ${this.page.url()}`);
    return decodeURIComponent(id);
  }
}

/** A draft's plan (`/plan/$draftId`). */
export class PlanScreen {
  readonly heading: Locator;
  readonly queue: Locator;
  readonly queued: Locator;
  readonly loaAsSent: Locator;
  readonly signatureEmails: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.queue = page.getByRole('button', { name: /^Queue [\d,]+ calls?$/ });
    this.queued = page.getByRole('status').filter({ hasText: 'Queued' });
    this.loaAsSent = page.getByTestId('loa-as-sent');
    this.signatureEmails = page.getByTestId('signature-emails');
  }
}
