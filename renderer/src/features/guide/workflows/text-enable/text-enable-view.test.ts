import { describe, expect, it } from 'vitest';
import { followHeadline, numberKind, planLines } from './text-enable-view';

describe('standard or toll-free, from the planner’s split', () => {
  it('says which and why', () => {
    expect(numberKind({ textEnableNumbers: 3, qualifyNumbers: 3 })).toMatchObject({
      kind: 'standard',
      title: 'Standard: 3 numbers',
    });
    expect(numberKind({ textEnableTollFreeNumbers: 1 })).toMatchObject({
      kind: 'toll-free',
      title: 'Toll-free: 1 number',
    });
    const both = numberKind({ textEnableNumbers: 2, textEnableTollFreeNumbers: 1 });
    expect(both.kind).toBe('both');
    expect(both.why).toContain('a standard order and a toll-free one');
    expect(numberKind({ qualifyNumbers: 2 }).kind).toBe('none');
  });

  it('puts the plan’s calls in sentences, skipping the empty ones', () => {
    expect(planLines({ qualifyNumbers: 3, textEnableNumbers: 3, importNumber: 0 })).toEqual([
      'Ask Sinch to qualify 3 numbers first (Sinch reviews them)',
      'Text-enable 3 standard numbers in one hosting order',
    ]);
  });
});

describe('where the work stands', () => {
  const qualify = (state: string) => ({ task: 'qualifyNumbers', state });
  const enable = (state: string) => ({ task: 'textEnableNumbers', state });
  it('walks qualification → signature → provisioning → done', () => {
    expect(followHeadline([qualify('pending'), enable('pending')], []).words).toBe(
      'Asking Sinch to qualify the numbers',
    );
    expect(followHeadline([qualify('done'), enable('pending')], [])).toMatchObject({
      tone: 'waiting',
      words: 'Waiting for Sinch to qualify the numbers',
    });
    expect(
      followHeadline([qualify('done'), enable('waiting_remote')], [{ state: 'waiting-loa' }]),
    ).toMatchObject({ tone: 'action', words: 'Waiting for the LOA signature' });
    expect(followHeadline([qualify('done'), enable('waiting_remote')], [{ state: 'in-progress' }]).tone).toBe(
      'progress',
    );
    expect(followHeadline([qualify('done'), enable('done')], [{ state: 'completed' }])).toMatchObject({
      tone: 'done',
      words: 'Text-enabled',
    });
  });

  it('a failed request or a rejected order is red and says where to look', () => {
    expect(followHeadline([qualify('failed')], [])).toMatchObject({ tone: 'failed' });
    expect(followHeadline([enable('done')], [{ state: 'rejected' }])).toMatchObject({ tone: 'failed' });
  });
});
