import { z } from 'zod';

/** A channel is a pair of schemas: what the renderer sends, what the engine answers. */
export type ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  input: I;
  output: O;
};
export const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({
  input,
  output,
});

/** Channels that take no arguments still take an object, so that adding an option later is not a break. */
export const noInput = z.object({}).strict();

/**
 * Paging convention for every list (DESIGN.md): an opaque cursor, a bounded page size, filters
 * beside them. Nothing in the contract returns an unbounded array. Lists that back big tables also
 * take an offset window instead of a cursor (`offset` + `limit`; the answer carries `total`), so a
 * virtualised table can fetch the block it scrolled to.
 */
export const pageRequest = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
/** Spread into a list's input (`pageRequest.extend({ ...offsetWindow, … })`), then `.refine(...cursorOrOffset)`. */
export const offsetWindow = { offset: z.number().int().min(0).max(10_000_000).optional() };
export const cursorOrOffset: [
  (r: { cursor?: string | undefined; offset?: number | undefined }) => boolean,
  { path: PropertyKey[]; message: string },
] = [
  (r) => r.offset === undefined || r.cursor === undefined,
  { path: ['offset'], message: 'Give either a cursor or an offset, not both.' },
];
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** null on the last page */
    nextCursor: z.string().nullable(),
    /** total matches across all pages, when cheap to know */
    total: z.number().int().nonnegative().optional(),
  });

export const isoDateTime = z.string().datetime({ offset: true });
