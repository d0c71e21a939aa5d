import { zodResolver } from '@hookform/resolvers/zod';
import {
  type DefaultValues,
  type FieldPath,
  type FieldValues,
  type UseFormSetError,
  useForm,
} from 'react-hook-form';
import type { z } from 'zod';
import { isDeskError } from '../lib/query';

/**
 * A react-hook-form form validated by a zod schema — the contract's or shared/sinch's, never a copy
 * (UI.md, "forms"). Errors show once a field was left (`onTouched`), then update as the user types.
 */
export function useSchemaForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
) {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema),
    defaultValues,
    mode: 'onTouched',
  });
}

/**
 * THE one mapping from an engine VALIDATION error onto a form (UI.md, "forms"). The engine's
 * details are the zod issues of the channel's input (shared/contract/dispatch.ts `flattenIssues`):
 * `[{ path: 'signer.email', message }]`, paths dotted, array indexes as numbers. Each issue whose
 * path is a field of this form goes to that field (react-hook-form uses the same dotted paths); the
 * rest are returned so the form can show them above its buttons. Never throws on odd details.
 */
export type FieldIssue = { path: string; message: string };

export function validationIssues(error: unknown): FieldIssue[] | null {
  if (!isDeskError(error) || error.code !== 'VALIDATION') return null;
  if (!Array.isArray(error.details)) return [];
  return error.details.filter(
    (d): d is FieldIssue =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as FieldIssue).path === 'string' &&
      typeof (d as FieldIssue).message === 'string',
  );
}

/**
 * Puts a VALIDATION error's issues on the form's fields. `fields` are the form's field paths; an
 * issue on `a.b.c` lands on the deepest field that is a prefix of it (`a.b` when `a.b.c` is not a
 * field). Returns what is left for the form as a whole (other codes: the error's message).
 */
export function applyDeskError<T extends FieldValues>(
  error: unknown,
  fields: readonly FieldPath<T>[],
  setError: UseFormSetError<T>,
): string[] {
  const issues = validationIssues(error);
  if (issues === null) return [error instanceof Error ? error.message : String(error)];
  const unplaced: string[] = [];
  const taken = new Set<string>();
  for (const issue of issues) {
    const field = fieldFor(issue.path, fields);
    if (field === undefined) {
      // The message alone: a field path is a programmer's name, not words for the user.
      unplaced.push(issue.message);
      continue;
    }
    // The first issue per field is the one shown (zod reports the most basic one first).
    if (taken.has(field)) continue;
    taken.add(field);
    setError(field, { type: 'server', message: issue.message }, { shouldFocus: taken.size === 1 });
  }
  if (issues.length === 0 && isDeskError(error)) unplaced.push(error.message);
  return unplaced;
}

function fieldFor<P extends string>(path: string, fields: readonly P[]): P | undefined {
  let best: P | undefined;
  for (const field of fields) {
    if (path === field || path.startsWith(`${field}.`)) {
      if (best === undefined || field.length > best.length) best = field;
    }
  }
  return best;
}
