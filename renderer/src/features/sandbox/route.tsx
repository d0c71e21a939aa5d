import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { SandboxPage } from './SandboxPage';

/**
 * `/sandbox`: the simulated Sinch's controls, in the rail only while the Sandbox is open. `order`
 * and `number` prefill the order and number fields (a link from another screen can point here).
 */
export const sandboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sandbox',
  validateSearch: z.object({
    order: z.string().max(128).optional(),
    number: z.string().max(20).optional(),
  }),
  staticData: { screen: { label: 'Sandbox', sandboxOnly: true } },
  component: SandboxPage,
});
