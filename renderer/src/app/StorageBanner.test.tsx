import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Desk } from '../lib/desk';
import { DeskProvider } from '../lib/query';
import { needsStorageBanner, StorageBanner } from './StorageBanner';

/** Issue 10, findings 2 and 9: the banner words disk trouble and a damaged database with the engine's own fix. */
/** Rendered as the app does (query client + desk); this test never calls the desk. */
const render = (storage: Parameters<typeof StorageBanner>[0]['storage']) =>
  renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: new QueryClient() },
      createElement(DeskProvider, { value: {} as Desk }, createElement(StorageBanner, { storage })),
    ),
  );

describe('StorageBanner', () => {
  it('shows while the disk refuses writes, with what to free, and no keychain advice', () => {
    const storage = {
      encrypted: true,
      available: true,
      reason: 'Encrypted.',
      trouble: 'Sending is paused because the disk is full (SQLITE_FULL). Free space on the disk…',
    };
    expect(needsStorageBanner(storage)).toBe(true);
    const html = render(storage);
    expect(html).toContain('The disk refuses writes: sending is paused');
    expect(html).toContain('Free space on the disk');
    expect(html).not.toContain('Secret Service');
  });

  it('a damaged database says how to restore, not "unlock a keychain"', () => {
    const storage = {
      encrypted: false,
      available: false,
      damaged: true,
      reason: 'The Sandbox database is damaged … To restore: close Hosting Desk, …',
    };
    const html = render(storage);
    expect(html).toContain('The workspace database is damaged');
    expect(html).toContain('To restore');
    expect(html).not.toContain('Secret Service');
  });

  it('no banner for an encrypted, healthy database', () => {
    expect(needsStorageBanner({ encrypted: true, available: true, reason: 'Encrypted.' })).toBe(false);
  });
});
