import { appRoutePath } from '../../shared/contract/open-route';
import { IPC_OPEN_ROUTE } from '../preload/ipc-names';

/** The part of a webContents this needs (Electron's own in index.ts, a fake in the test). */
export type RouteTarget = { readonly id: number; send(channel: string, ...args: unknown[]): void };

/**
 * Ask our window to open one of the app's routes (a notification's target) over `desk:open-route`,
 * instead of running script in the page. Sends nothing — and says so — for a path that is not one
 * of the app's route shapes or a webContents we did not create.
 */
export function openRoute(target: RouteTarget, path: string, ourWebContents: ReadonlySet<number>): boolean {
  const route = appRoutePath(path);
  if (route === null || !ourWebContents.has(target.id)) return false;
  target.send(IPC_OPEN_ROUTE, route);
  return true;
}
