import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LICENCES_FILE, readLock, runtimeLicences } from './licences.mjs';

describe('licence list', () => {
  it('the committed list is what the lockfile ships (run node scripts/licences.mjs after npm changes)', () => {
    expect(JSON.parse(readFileSync(LICENCES_FILE, 'utf8'))).toEqual(runtimeLicences(readLock()));
  });

  it('keeps runtime packages, drops dev-only ones and the app itself', () => {
    const list = runtimeLicences({
      packages: {
        '': { version: '0.1.0', license: 'UNLICENSED' },
        'node_modules/react': { version: '19.0.0', license: 'MIT' },
        'node_modules/vitest': { version: '4.0.0', license: 'MIT', dev: true },
        'node_modules/a/node_modules/@scope/b': { version: '1.0.0' },
      },
    });
    expect(list).toEqual([
      { name: '@scope/b', version: '1.0.0', licence: 'not stated' },
      { name: 'react', version: '19.0.0', licence: 'MIT' },
    ]);
  });
});
