import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { GuideListPage } from './GuideListPage';
import { GuideWorkflowPage } from './GuideWorkflowPage';

/**
 * `/guide`: the guided workflows, reached by the questions of Sinch's decision tree.
 * `/guide/$workflow`: one workflow (`a`…`f`), its wizard step in `?step=` (1-based) and what the
 * earlier steps chose in further search keys (each workflow names its own; strings, numbers or
 * booleans only), so Back/Forward and a reload land on the same step with the same choices.
 */
export const guideSearchSchema = z
  .object({ step: z.number().int().min(1).max(20).optional().catch(undefined) })
  .catchall(z.union([z.string().max(2000), z.number(), z.boolean()]));
export type GuideSearch = z.infer<typeof guideSearchSchema>;

export const guideRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/guide',
  validateSearch: z.object({}),
  staticData: { screen: { label: 'Guided workflows' } },
  component: GuideListPage,
});

export const guideWorkflowRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/guide/$workflow',
  validateSearch: guideSearchSchema,
  component: GuideWorkflowPage,
});
