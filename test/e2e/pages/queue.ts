import type { Locator, Page } from '@playwright/test';
import { Frame } from './frame';

/** The Queue screen (`/queue`), by roles and accessible names. */
export class QueueScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly syncBanner: Locator;
  readonly syncToggle: Locator;
  readonly jobs: Locator;
  readonly filters: Locator;
  readonly batches: Locator;
  readonly dialog: Locator;
  /** a refused job's "Change and send again" form, inside its dialog */
  readonly amendForm: Locator;
  readonly loadError: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { name: 'Queue', level: 1 });
    this.syncBanner = page.getByRole('region', { name: 'Sync' });
    this.syncToggle = this.syncBanner.getByRole('button', { name: /^(Pause|Resume|Start) sync$/ });
    this.jobs = page.getByRole('grid', { name: 'Jobs' });
    this.filters = page.getByRole('navigation', { name: 'Show jobs' });
    this.batches = page.getByRole('region', { name: 'Recent batches' });
    this.dialog = page.getByRole('dialog');
    this.amendForm = this.dialog.getByRole('region', { name: 'Change and send again' });
    this.loadError = page.getByRole('alert').filter({ hasText: 'Could not load the jobs' });
  }

  async open(search = ''): Promise<void> {
    // the first screen is up, so the launch token's exchange (which rewrites the hash) is over
    await this.page.getByRole('heading', { level: 1 }).first().waitFor();
    await this.frame.open(`/queue${search}`);
    await this.heading.waitFor();
  }

  filter(name: string): Locator {
    return this.filters.getByRole('link', { name: new RegExp(`^${name}\\b`) });
  }

  batch(label: string): Locator {
    return this.batches.getByRole('listitem').filter({ has: this.page.getByRole('link', { name: label }) });
  }

  /** The data rows (not the header row) of the jobs grid. */
  rows(): Locator {
    return this.jobs.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  row(jobId: number): Locator {
    return this.rows().filter({ has: this.page.getByRole('link', { name: `Job ${jobId} details` }) });
  }
}
