import type { Locator, Page } from '@playwright/test';
import { Frame } from './frame';

/** The Orders screens (`/orders`, `/orders/$id`), by roles and accessible names. */
export class OrdersScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly orders: Locator;
  readonly filters: Locator;
  readonly loadError: Locator;
  readonly orderState: Locator;
  readonly numbers: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { name: 'Orders', level: 1 });
    this.orders = page.getByRole('grid', { name: 'Orders' });
    this.filters = page.getByRole('navigation', { name: 'Show orders' });
    this.loadError = page.getByRole('alert').filter({ hasText: 'Could not load the orders' });
    this.orderState = page.getByRole('region', { name: 'Order state' });
    this.numbers = page.getByRole('table', { name: 'Numbers in this order' });
  }

  async open(search = ''): Promise<void> {
    // the first screen is up, so the launch token's exchange (which rewrites the hash) is over
    await this.page.getByRole('heading', { level: 1 }).first().waitFor();
    await this.frame.open(`/orders${search}`);
    await this.heading.waitFor();
  }

  rows(): Locator {
    return this.orders.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }
}
