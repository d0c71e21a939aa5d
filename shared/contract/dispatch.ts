import type { z } from 'zod';
import { DeskFailure, err, INTERNAL_ERROR_MESSAGE, ok, type Result } from './envelope';
import { type ChannelName, channels, isChannelName, type Output, type ParsedInput } from './index';

/** The engine's side of the contract: one function per channel. */
export type ChannelHandler<C extends ChannelName> = (input: ParsedInput<C>) => Promise<Output<C>> | Output<C>;
export type HandlerTable = { [C in ChannelName]: ChannelHandler<C> };

/** Input validation shared by both shells and the engine: a bad input never reaches a handler. */
export function validateInput(
  channel: unknown,
  raw: unknown,
): Result<{ channel: ChannelName; input: unknown }> {
  if (!isChannelName(channel)) return err('VALIDATION', `Unknown channel: ${String(channel).slice(0, 80)}`);
  const parsed = channels[channel].input.safeParse(raw ?? {});
  if (!parsed.success) return err('VALIDATION', `Invalid input for ${channel}`, flattenIssues(parsed.error));
  return ok({ channel, input: parsed.data });
}

/**
 * Validate, call, and wrap. Outputs are parsed too: zod objects strip keys the contract does not
 * declare, so a handler that accidentally returns an internal field (a secret, a file handle) never
 * sends it over the boundary.
 */
export async function dispatch(
  table: HandlerTable,
  channel: unknown,
  raw: unknown,
  onInternalError: (channel: string, error: unknown) => void = () => {},
): Promise<Result<unknown>> {
  const valid = validateInput(channel, raw);
  if (!valid.ok) return valid;
  const name = valid.value.channel;
  try {
    const handler = table[name] as (input: unknown) => unknown;
    const value = await handler(valid.value.input);
    const out = channels[name].output.safeParse(value);
    if (!out.success) {
      onInternalError(name, out.error);
      return err('INTERNAL', INTERNAL_ERROR_MESSAGE, { channel: name });
    }
    return ok(out.data);
  } catch (e) {
    if (e instanceof DeskFailure) return err(e.code, e.message, e.details);
    onInternalError(name, e);
    return err('INTERNAL', INTERNAL_ERROR_MESSAGE, { channel: name });
  }
}

export type IssueSummary = { path: string; message: string };
export const flattenIssues = (error: z.ZodError): IssueSummary[] =>
  error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
