import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { SettingsPage } from './SettingsPage';
import { GO_LIVE_STEPS } from './settings-view';

/**
 * `/settings`: workspaces, credentials, keychain, data, about. `workspace` opens one workspace's
 * editor; `goLive` shows the go-live wizard at that step (`workspace` is then the one it created).
 */
export const settingsSearch = z.object({
  workspace: z.string().max(64).optional(),
  goLive: z.enum(GO_LIVE_STEPS).optional(),
});
export type SettingsSearch = z.infer<typeof settingsSearch>;

export const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  validateSearch: settingsSearch,
  staticData: { screen: { label: 'Settings' } },
  component: SettingsPage,
});
