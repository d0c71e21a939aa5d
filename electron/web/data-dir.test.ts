import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir';

describe('defaultDataDir', () => {
  it('follows XDG on Linux, with the spec’s fallback', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/x/data' }, 'linux', '/home/ann')).toBe('/x/data/hosting-desk');
    expect(defaultDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.local/share/hosting-desk');
    expect(defaultDataDir({ XDG_DATA_HOME: '' }, 'linux', '/home/ann')).toBe(
      '/home/ann/.local/share/hosting-desk',
    );
  });
  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultDataDir({}, 'darwin', '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/Hosting Desk',
    );
    expect(defaultDataDir({ APPDATA: '/appdata' }, 'win32', '/h')).toMatch(/appdata.Hosting Desk$/);
  });
});
