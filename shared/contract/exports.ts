import { z } from 'zod';
import { channel, isoDateTime } from './define';

/**
 * Exports: per-number results of a batch or an order, the history of a selection of numbers, the
 * audit log — as CSV or XLSX, built by the engine (cells neutralised, numbers as text). The answer
 * carries the file itself (base64); each shell saves it its own way (a download in the browser, the
 * save dialog in Electron).
 */
const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/, 'Give numbers in E.164 form, e.g. +12025550100.');

export const exportSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('batch'), batchId: z.string().min(1).max(64) }).strict(),
  z.object({ kind: z.literal('order'), orderId: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('history'), phoneNumbers: z.array(e164).min(1).max(10_000) }).strict(),
  z
    .object({ kind: z.literal('audit'), since: isoDateTime.optional(), until: isoDateTime.optional() })
    .strict(),
]);
export type ExportSource = z.infer<typeof exportSourceSchema>;
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

export const exportFileSchema = z.object({
  filename: z.string(),
  mediaType: z.string(),
  /** the file's bytes, base64 */
  base64: z.string(),
  /** data rows written (without the header) */
  rows: z.number().int().nonnegative(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

export const exportsChannels = {
  'exports.build': channel(
    z.object({ source: exportSourceSchema, format: z.enum(EXPORT_FORMATS) }).strict(),
    exportFileSchema,
  ),
};

export const exportsEvents = {};
