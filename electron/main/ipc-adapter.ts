import { validateInput } from '../../shared/contract/dispatch';
import { err, type Result } from '../../shared/contract/envelope';
import { type IpcSender, isAllowedSender } from './security';

export const REFUSED_SENDER_MESSAGE = 'Refused: this call did not come from the Hosting Desk window.';

/**
 * The whole `desk:call` IPC handler, minus Electron: check who is calling, validate the input
 * against the contract, then hand it to the engine. Nothing else may live in a shell (DESIGN.md
 * "One engine, two shells").
 *
 * The engine receives the caller's raw input and parses it again itself (it trusts no process
 * boundary); we validate here so that a bad call never costs an engine round trip, and so a
 * refused sender never reaches the engine at all.
 */
export async function handleDeskCall(
  sender: IpcSender,
  channel: unknown,
  input: unknown,
  deps: {
    ourWebContents: ReadonlySet<number>;
    call(channel: string, input: unknown): Promise<Result<unknown>>;
  },
): Promise<Result<unknown>> {
  if (!isAllowedSender(sender, deps.ourWebContents)) return err('UNAUTHENTICATED', REFUSED_SENDER_MESSAGE);
  const valid = validateInput(channel, input);
  if (!valid.ok) return valid;
  return deps.call(valid.value.channel, input);
}
