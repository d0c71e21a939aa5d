import type { Locator, Page } from '@playwright/test';
import { Frame } from './frame';

/** The Verification screen (`/verify`), by roles and accessible names. */
export class VerifyScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly grid: Locator;
  readonly callAll: Locator;
  readonly counts: Locator;
  readonly invoice: Locator;
  readonly mailText: Locator;
  readonly openMail: Locator;
  readonly sent: Locator;
  readonly requests: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { name: 'Verification', level: 1 });
    this.grid = page.getByRole('table', { name: 'Numbers in this voice check' });
    this.callAll = page.getByRole('button', { name: /^Call all/ });
    this.counts = page.getByText(/\d+ of \d+ verified/);
    this.invoice = page.getByRole('region', { name: 'Send invoices instead' });
    this.mailText = page.getByRole('textbox', { name: 'E-mail text' });
    this.openMail = page.getByRole('link', { name: 'Open in mail app' });
    this.sent = page.getByRole('button', { name: 'I have sent it' });
    this.requests = page.getByRole('region', { name: 'Qualification requests' });
  }

  async open(search = ''): Promise<void> {
    // the first screen is up, so the launch token's exchange (which rewrites the hash) is over
    await this.page.getByRole('heading', { level: 1 }).first().waitFor();
    await this.frame.open(`/verify${search}`);
    await this.heading.waitFor();
  }

  row(phone: string): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: phone }) });
  }

  code(phone: string): Locator {
    return this.page.getByRole('textbox', { name: `Code for ${phone}` });
  }
}
