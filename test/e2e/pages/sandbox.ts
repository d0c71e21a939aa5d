import type { Locator, Page } from '@playwright/test';
import { Frame } from './frame';

/** The Sandbox controls (`/sandbox`), by roles and accessible names. */
export class SandboxScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly said: Locator;
  readonly behaviour: Locator;
  readonly behaviourError: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { name: 'Sandbox', level: 1 });
    this.said = page.getByTestId('sandbox-said');
    this.behaviour = page.getByRole('region', { name: 'How Sinch behaves' });
    this.behaviourError = page
      .getByRole('alert')
      .filter({ hasText: 'Could not read the simulator’s settings' });
  }

  card(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  async open(): Promise<void> {
    await this.frame.railLink('Sandbox').click();
  }
}
