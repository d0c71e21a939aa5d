import {
  QueryClient,
  type QueryKey,
  type UseQueryOptions,
  queryOptions,
  type UseMutationOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type {
  ChannelName,
  DeskError as DeskErrorShape,
  ErrorCode,
  Input,
  Output,
} from '../../../shared/contract';
import type { Desk } from './desk';

/**
 * A failed `desk.call`, thrown so TanStack Query puts it in `error`. It carries the envelope's code,
 * message and details unchanged; screens show it with `ErrorNotice`, forms map VALIDATION details
 * onto fields (`ui/form.ts`).
 */
export class DeskError extends Error implements DeskErrorShape {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(error: DeskErrorShape) {
    super(error.message);
    this.name = 'DeskError';
    this.code = error.code;
    this.details = error.details;
  }
}

export const isDeskError = (error: unknown): error is DeskError => error instanceof DeskError;

/** Calls a channel and unwraps the Result envelope: the value, or a thrown `DeskError`. */
export async function callDesk<C extends ChannelName>(
  desk: Desk,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const result = await desk.call(channel, input);
  if (!result.ok) throw new DeskError(result.error);
  return result.value;
}

/** The key of every query: `[channel, input]`, so the event table can invalidate a whole channel. */
export type DeskQueryKey<C extends ChannelName = ChannelName> = readonly [C, Input<C>];
export const deskQueryKey = <C extends ChannelName>(channel: C, input: Input<C>): DeskQueryKey<C> => [
  channel,
  input,
];

const DeskContext = createContext<Desk | null>(null);
export const DeskProvider = DeskContext.Provider;

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside <DeskProvider>');
  return desk;
}

/**
 * The one query factory: `useQuery(deskQueryOptions(desk, 'app.status', {}))`. The desk is passed in
 * (not read from context) so route loaders and tests can use the same options.
 */
export const deskQueryOptions = <C extends ChannelName>(desk: Desk, channel: C, input: Input<C>) =>
  queryOptions<Output<C>, DeskError, Output<C>, DeskQueryKey<C>>({
    queryKey: deskQueryKey(channel, input),
    queryFn: () => callDesk(desk, channel, input),
  });

/**
 * The one mutation hook. On success the answer is not cached by itself: the engine's events (the
 * event table) say what changed. Callers may pass `onSuccess` to patch a query right away.
 */
export function useDeskMutation<C extends ChannelName>(
  channel: C,
  options: Omit<UseMutationOptions<Output<C>, DeskError, Input<C>>, 'mutationFn'> = {},
) {
  const desk = useDesk();
  return useMutation<Output<C>, DeskError, Input<C>>({
    ...options,
    mutationFn: (input) => callDesk(desk, channel, input),
  });
}

export { useQueryClient };

/**
 * The engine is local: no network to wait for (`networkMode: 'always'`), and nothing goes stale by
 * itself — events say when (`staleTime: Infinity`, no refetch on focus or reconnect; a query invalidated while unmounted refetches when shown again).
 * Failures are not retried: the engine answered, and the error says what to fix.
 */
export function createDeskQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        networkMode: 'always',
        staleTime: Number.POSITIVE_INFINITY,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: false,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}

/**
 * The rows of a paged channel as a `DataTable` block: the same key as `deskQueryOptions` (so the event
 * table's invalidations reach it), the page mapped onto `{ rows, total }`.
 */
export const deskBlockOptions = <C extends ChannelName, Row>(
  desk: Desk,
  channel: C,
  input: Input<C>,
  rows: (page: Output<C>) => { rows: readonly Row[]; total: number },
): UseQueryOptions<
  { rows: readonly Row[]; total: number },
  DeskError,
  { rows: readonly Row[]; total: number },
  QueryKey
> => ({
  queryKey: deskQueryKey(channel, input),
  queryFn: async () => rows(await callDesk(desk, channel, input)),
});
