import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../lib/routing';
import { VerifyPage } from './VerifyPage';

/**
 * `/verify`: qualification requests, the voice check, the invoice route. Other screens link here with
 * `numbers=` (comma-separated E.164: the numbers of a voice check) and `invoice=` (numbers to offer
 * the invoice e-mail for).
 */
export const verifyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify',
  validateSearch: z.object({
    numbers: z.string().max(8_000).optional().catch(undefined),
    invoice: z.string().max(8_000).optional().catch(undefined),
  }),
  staticData: { screen: { label: 'Verification' } },
  component: VerifyPage,
});
