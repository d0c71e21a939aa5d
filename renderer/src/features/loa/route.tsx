import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { LoaPage } from './LoaPage';

/**
 * `/loa`: LOA profiles. The search, the page shown and the open editor live in the URL, so Back
 * closes the editor and a support person can say "open LOA profiles, search Bakery".
 * `open`: `new`, or a profile id to edit; `copy`: a profile id whose copy is being made.
 */
export const loaSearchSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  offset: z.number().int().min(0).optional().catch(undefined),
  open: z.string().max(64).optional().catch(undefined),
  copy: z.string().max(64).optional().catch(undefined),
});
export type LoaSearch = z.infer<typeof loaSearchSchema>;

export const loaRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/loa',
  validateSearch: loaSearchSchema,
  staticData: { screen: { label: 'LOA profiles' } },
  component: LoaPage,
});
