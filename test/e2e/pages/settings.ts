import type { Locator, Page } from '@playwright/test';
import { Frame } from './frame';

/** The Settings screen (`/settings`) and its go-live wizard, by roles and accessible names. */
export class SettingsScreen {
  readonly frame: Frame;
  readonly heading: Locator;
  readonly workspaces: Locator;
  readonly goLive: Locator;
  readonly loadError: Locator;
  readonly noLiveHint: Locator;
  readonly licences: Locator;

  constructor(readonly page: Page) {
    this.frame = new Frame(page);
    this.heading = page.getByRole('heading', { name: 'Settings', level: 1 });
    this.workspaces = page.getByRole('table', { name: 'Workspaces' });
    this.goLive = page.getByRole('link', { name: 'Go live…' });
    this.loadError = page.getByRole('alert').filter({ hasText: 'Could not load the workspaces' });
    this.noLiveHint = page.getByText('No Live workspace yet.');
    this.licences = page.getByText(/^Licences of the \d+ packages it ships$/);
  }

  row(name: string): Locator {
    return this.workspaces.getByRole('row', { name: new RegExp(`^${name}\\b`) });
  }

  async open(): Promise<void> {
    await this.frame.railLink('Settings').click();
  }
}

/** The go-live wizard (`/settings?goLive=…`). */
export class GoLiveWizard {
  readonly heading: Locator;
  readonly currentStep: Locator;
  readonly name: Locator;
  readonly projectId: Locator;
  readonly keyId: Locator;
  readonly keySecret: Locator;
  readonly endpoints: Locator;
  readonly baseUrl: Locator;
  readonly tokenUrl: Locator;
  readonly testEndpoint: Locator;
  readonly saveAndContinue: Locator;
  readonly testConnection: Locator;
  readonly replaceSecret: Locator;
  readonly saveSecret: Locator;
  readonly result: Locator;
  readonly continue: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Go live', level: 1 });
    this.currentStep = page.getByRole('list', { name: 'Steps' }).locator('[aria-current="step"]');
    this.name = page.getByLabel('Workspace name');
    this.projectId = page.getByLabel('Project ID');
    this.keyId = page.getByLabel('Key ID');
    this.keySecret = page.getByRole('textbox', { name: 'Key secret', exact: true });
    this.endpoints = page.getByText('Sign-in and endpoints');
    this.baseUrl = page.getByLabel('Base URL');
    this.tokenUrl = page.getByLabel('Token URL');
    this.testEndpoint = page.getByLabel(/Test endpoint on this computer/);
    this.saveAndContinue = page.getByRole('button', { name: 'Save and continue' });
    this.testConnection = page.getByRole('button', { name: 'Test connection' });
    this.replaceSecret = page.getByLabel('Replace the key secret');
    this.saveSecret = page.getByRole('button', { name: 'Save secret' });
    this.result = page.getByTestId('connection-result');
    this.continue = page.getByRole('link', { name: 'Continue' });
  }
}
