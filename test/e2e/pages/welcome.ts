import type { Locator, Page } from '@playwright/test';
import { Frame } from './frame';

/** First run / Get started (`/welcome`), by roles and accessible names. */
export class WelcomeScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly tour: Locator;
  readonly goLive: Locator;
  readonly addSampleProfile: Locator;
  readonly downloadSample: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { name: 'Get started', level: 1 });
    this.tour = page.getByRole('region', { name: /Bring numbers|Review the plan|Follow the work/ });
    this.goLive = page.getByRole('link', { name: 'Go live…' });
    this.addSampleProfile = page.getByRole('button', { name: 'Add sample profile' });
    this.downloadSample = page.getByRole('button', { name: 'Download sample file' });
  }
}
