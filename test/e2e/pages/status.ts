import type { Locator, Page } from '@playwright/test';
import { Frame } from './frame';

/** The Status screen (`/status`), by roles and accessible names. */
export class StatusScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly table: Locator;
  readonly syncToggle: Locator;
  readonly loadError: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { name: 'Status', level: 1 });
    this.table = page.getByRole('table', { name: 'Application status' });
    this.syncToggle = this.table.getByRole('button', { name: /^(Start|Pause) sync$/ });
    this.loadError = page.getByRole('alert').filter({ hasText: 'Could not load the status' });
  }

  /** A row of the table by its header cell, e.g. `row('Sync')`. */
  row(name: string): Locator {
    return this.table.getByRole('row', { name: new RegExp(`^${name}\\b`) });
  }

  /** The state badge's text of a row (the second cell). */
  state(name: string): Locator {
    return this.row(name).getByRole('cell').first();
  }
}
