import type { ChannelName, Input, Output, Result } from '../../../shared/contract';

/**
 * The engine behind a served browser shell, called from the test process (not the page): it opens
 * its own session with the launch token and sends our Origin, as a page would. Used to reset the
 * Sandbox between tests and to change things "elsewhere" while a page watches.
 */
export type DeskClient = {
  call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** call, and throw if the engine refused (setup steps must not fail silently) */
  must<C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>>;
};

export async function deskClient(origin: string, token: string): Promise<DeskClient> {
  const session = await fetch(`${origin}/session`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, Origin: origin },
  });
  if (session.status !== 204) throw new Error(`POST /session answered ${session.status}`);
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const call = async <C extends ChannelName>(channel: C, input: Input<C>) => {
    const res = await fetch(`${origin}/rpc/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: cookie },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Result<Output<C>>;
  };
  return {
    call,
    async must(channel, input) {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}
