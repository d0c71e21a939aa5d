import { describe, expect, it, vi } from 'vitest';
import { err, eventNames } from '../../../shared/contract';
import type { Desk } from './desk';
import { createDeskQueryClient, DeskError, deskQueryOptions, isDeskError } from './query';

const deskAnswering = (answer: Awaited<ReturnType<Desk['call']>>) => {
  const call = vi.fn(async () => answer);
  const desk: Desk = {
    transport: 'http',
    channels: [],
    events: eventNames,
    call: call as unknown as Desk['call'],
    on: () => () => {},
    onConnection: () => () => {},
  };
  return { desk, call };
};

describe('deskQueryOptions', () => {
  it('keys a query [channel, input] and resolves with the envelope’s value', async () => {
    const { desk, call } = deskAnswering({ ok: true, value: { id: 'p1' } } as never);
    const options = deskQueryOptions(desk, 'loaProfiles.get', { id: 'p1' });
    expect(options.queryKey).toEqual(['loaProfiles.get', { id: 'p1' }]);
    const client = createDeskQueryClient();
    await expect(client.fetchQuery(options)).resolves.toEqual({ id: 'p1' });
    expect(call).toHaveBeenCalledWith('loaProfiles.get', { id: 'p1' });
  });

  it('throws a DeskError carrying code, message and details — once, no retries', async () => {
    const details = [{ path: 'id', message: 'Required.' }];
    const { desk, call } = deskAnswering(err('VALIDATION', 'Invalid input for loaProfiles.get', details));
    const client = createDeskQueryClient();
    const failure = await client
      .fetchQuery(deskQueryOptions(desk, 'loaProfiles.get', { id: '' }))
      .catch((e) => e);
    expect(isDeskError(failure)).toBe(true);
    expect(failure).toBeInstanceOf(DeskError);
    expect(failure).toMatchObject({
      code: 'VALIDATION',
      message: 'Invalid input for loaProfiles.get',
      details,
    });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('the client never refetches by itself: local engine, events decide', () => {
    const defaults = createDeskQueryClient().getDefaultOptions().queries;
    expect(defaults).toMatchObject({
      networkMode: 'always',
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      retry: false,
    });
  });
});
