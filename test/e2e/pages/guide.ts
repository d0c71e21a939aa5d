import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { Frame } from './frame';

/** Guided workflows (`/guide`, `/guide/$workflow`), by roles and accessible names. */
export class GuideScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly step: Locator;
  readonly stepTitle: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { level: 1 });
    this.step = page.getByRole('region', { name: /.+/ }).filter({ has: page.locator('#guide-step-title') });
    this.stepTitle = page.locator('#guide-step-title');
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  link(name: string | RegExp): Locator {
    return this.page.getByRole('link', { name, exact: typeof name === 'string' });
  }
}

/**
 * Counts what a newcomer does (issue 12: "≤ 25 counted interactions"): every click, every field
 * filled (one fill however many keys), every browser Back; and takes a numbered screenshot per step
 * into test-results/<dir>/ so a person can look at the whole path.
 */
export class Newcomer {
  count = 0;
  private shot = 0;
  private readonly dir: string;

  constructor(
    readonly page: Page,
    dir: string,
  ) {
    this.dir = join(import.meta.dirname, '../../../test-results', dir);
    mkdirSync(this.dir, { recursive: true });
  }

  async click(target: Locator): Promise<void> {
    this.count++;
    await target.click();
  }

  async fill(target: Locator, value: string): Promise<void> {
    this.count++;
    await target.fill(value);
  }

  async back(): Promise<void> {
    this.count++;
    await this.page.goBack();
  }

  async screenshot(name: string): Promise<void> {
    this.shot++;
    await this.page.screenshot({ path: join(this.dir, `${String(this.shot).padStart(2, '0')}-${name}.png`) });
  }
}
