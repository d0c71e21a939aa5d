import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext } from '@tanstack/react-router';
import type { DeskError } from '../../../shared/contract';
import type { Desk } from './desk';

/** What every route's loader and component can reach (router context). */
export type RouterContext = {
  desk: Desk;
  queryClient: QueryClient;
  /** the browser shell refused this page's session: every route shows how to connect instead */
  sessionError: DeskError | null;
};

/**
 * The root route every feature's `route.tsx` hangs under (`getParentRoute: () => rootRoute`). It lives
 * in lib/ so features need not import app/; app/router.tsx gives it the frame as its component.
 */
export const rootRoute = createRootRouteWithContext<RouterContext>()();

/** What the rail needs from a screen, declared in its route's `staticData`. */
export type ScreenInfo = {
  /** the rail label (and the page's accessible name) */
  label: string;
  /** only in the Sandbox workspace (e.g. the simulator controls) */
  sandboxOnly?: boolean;
};

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    screen?: ScreenInfo;
  }
}
