import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { WelcomePage } from './WelcomePage';

/**
 * `/welcome`: first run and "Get started". `tour` is the tour's step (1–3) while it shows; the
 * first launch opens `/welcome?tour=1` (app/router.tsx), Skip drops it.
 */
export const welcomeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/welcome',
  validateSearch: z.object({ tour: z.number().int().min(1).max(3).optional() }),
  staticData: { screen: { label: 'Get started' } },
  component: WelcomePage,
});
