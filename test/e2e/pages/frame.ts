import type { Locator, Page } from '@playwright/test';

/** The frame around every screen, as a screen reader sees it. */
export class Frame {
  readonly rail: Locator;
  readonly current: Locator;
  readonly workspace: Locator;
  readonly syncPill: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.rail = page.getByRole('navigation', { name: 'Sections' });
    this.current = this.rail.locator('[aria-current="page"]');
    this.workspace = page.getByRole('banner').getByText(/^(Sandbox|Live)/);
    this.syncPill = page.getByRole('link', { name: /^Sync / });
    this.main = page.getByRole('main');
  }

  railLink(name: string): Locator {
    return this.rail.getByRole('link', { name, exact: true });
  }

  /** Opens a screen by its deep link (the hash route), as a bookmark or a support person would. */
  async open(route: string): Promise<void> {
    await this.page.evaluate((r) => {
      window.location.hash = `#${r}`;
    }, route);
  }
}
