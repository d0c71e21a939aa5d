import type { Locator, Page } from '@playwright/test';
import { Frame } from './frame';

/** The LOA profiles screen (`/loa`) and its editor, by roles and accessible names. */
export class LoaScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly newProfile: Locator;
  readonly search: Locator;
  readonly table: Locator;
  readonly empty: Locator;
  readonly loadError: Locator;
  readonly notice: Locator;
  readonly form: Locator;
  readonly save: Locator;
  readonly checkPanel: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { level: 1 });
    this.newProfile = page.getByRole('main').getByRole('button', { name: 'New profile' }).first();
    this.search = page.getByRole('searchbox', { name: 'Search profiles' });
    this.table = page.getByRole('table', { name: 'LOA profiles' });
    this.empty = page.getByText('No LOA profiles yet');
    this.loadError = page.getByRole('alert').filter({ hasText: 'Could not load the LOA profiles' });
    this.notice = page.getByRole('status').filter({ hasText: /Saved|Deleted|Copied/ });
    this.form = page.getByRole('form', { name: 'LOA profile' });
    this.save = this.form.getByRole('button', { name: /^Save/ });
    this.checkPanel = page.getByRole('region', { name: 'Before you save' });
  }

  /** The screen by its deep link, once the first screen is up (the launch token's exchange is over). */
  async open(): Promise<void> {
    await this.page.getByRole('heading', { level: 1 }).first().waitFor();
    await this.frame.open('/loa');
    await this.heading.filter({ hasText: 'LOA profiles' }).waitFor();
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** A profile's row by its name. */
  row(label: string): Locator {
    return this.table.getByRole('row').filter({
      has: this.page.getByRole('rowheader', {
        name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      }),
    });
  }

  /** The question after an edit: do the queued orders take the new details? */
  queuedQuestion(): Locator {
    return this.page.getByRole('alertdialog', { name: /still uses? the old details/ });
  }

  copyDialog(label: string): Locator {
    return this.page.getByRole('dialog', { name: `Copy “${label}” to another workspace` });
  }

  async actions(
    label: string,
    action: 'Edit' | 'Duplicate' | 'Copy to workspace…' | 'Delete…',
  ): Promise<void> {
    await this.row(label)
      .getByRole('button', { name: `Actions for ${label}` })
      .click();
    await this.page.getByRole('menuitem', { name: action }).click();
  }
}
