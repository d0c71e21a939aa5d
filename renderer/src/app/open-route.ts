import { appRoutePath } from '../../../shared/contract/open-route';
import type { DeskBridge } from '../lib/desk';

/**
 * The Electron shell asks the page to open a route (an order notification was clicked): navigate
 * there. The path is checked once more against the app's route shapes (the preload did too), so
 * only a screen of this app can be opened. The browser shell has no bridge: nothing to follow.
 * Returns the unsubscribe.
 */
export function followOpenRoute(
  bridge: Pick<DeskBridge, 'onOpenRoute'> | undefined,
  open: (path: string) => void,
): () => void {
  if (!bridge?.onOpenRoute) return () => {};
  return bridge.onOpenRoute((path) => {
    const route = appRoutePath(path);
    if (route !== null) open(route);
  });
}
