import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import { migrate } from '../store/migrations';
import { MIGRATIONS } from '../store/migrations/index';
import { tempDir } from '../store/test-support';
import { loadWorkspaceNumbers } from './workspace-numbers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function db() {
  const { dir, cleanup } = tempDir('hd-known-');
  const handle = openDatabase({ file: `${dir}/desk.db`, key: null });
  cleanups.push(() => {
    handle.close();
    cleanup();
  });
  migrate(handle, MIGRATIONS);
  return handle;
}

let key = 0;
function job(d: ReturnType<typeof db>, task: string, state: string, numbers: string[]) {
  d.prepare(
    `INSERT INTO jobs (queue, task, job_key, payload, state, run_at, created_at, updated_at) VALUES ('q', ?, ?, ?, ?, 0, 0, 0)`,
  ).run(task, `k${key++}`, JSON.stringify({ numbers }), state);
}

describe('loadWorkspaceNumbers', () => {
  it('done jobs prove their action; unfinished ones are queued; dead and cancelled count for nothing', () => {
    const d = db();
    job(d, 'importNumbersOrder', 'done', ['+12025550001']);
    job(d, 'importNumber', 'pending', ['+12025550002']);
    job(d, 'qualifyNumbers', 'done', ['+12025550003']);
    job(d, 'qualifyNumbers', 'failed', ['+12025550004']);
    job(d, 'textEnableNumbers', 'waiting_remote', ['+12025550005']);
    job(d, 'textEnableTollFreeNumbers', 'done', ['+18005550006']);
    job(d, 'importNumber', 'dead', ['+12025550007']);
    job(d, 'textEnableNumbers', 'cancelled', ['+12025550008']);
    const known = loadWorkspaceNumbers(d);
    expect(known.get('+12025550001')).toMatchObject({ imported: true, queued: [] });
    expect(known.get('+12025550002')).toMatchObject({ imported: false, queued: ['import'] });
    expect(known.get('+12025550003')).toMatchObject({ qualified: true });
    expect(known.get('+12025550004')).toMatchObject({ qualified: false, queued: ['qualify'] });
    expect(known.get('+12025550005')).toMatchObject({ hosting: false, queued: ['text-enable'] });
    expect(known.get('+18005550006')).toMatchObject({ hosting: true });
    expect(known.has('+12025550007')).toBe(false);
    expect(known.has('+12025550008')).toBe(false);
  });

  it('the numbers table’s qualification states count as qualified (and hosting)', () => {
    const d = db();
    const add = (phone: string, state: string) =>
      d
        .prepare(
          `INSERT INTO numbers (phone, region, toll_free, state, updated_at) VALUES (?, 'US', 0, ?, 0)`,
        )
        .run(phone, state);
    add('+12025550011', 'eligible');
    add('+12025550012', 'hosted');
    add('+12025550013', 'planned');
    const known = loadWorkspaceNumbers(d);
    expect(known.get('+12025550011')).toMatchObject({ qualified: true, hosting: false });
    expect(known.get('+12025550012')).toMatchObject({ qualified: true, hosting: true });
    expect(known.has('+12025550013')).toBe(false); // planned: its job says what it is
  });
});
