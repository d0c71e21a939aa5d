import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { PlanPage } from './PlanPage';

/** `/plan/$draftId`: a draft's plan; `calls` is the offset of the calls page shown. */
export const planRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/plan/$draftId',
  validateSearch: z.object({ calls: z.number().int().min(0).optional().catch(undefined) }),
  component: PlanPage,
});
