import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir';

describe('defaultDataDir', () => {
  it('Linux: XDG_DATA_HOME when absolute, else ~/.local/share', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/x/data' }, '/home/ann')).toBe('/x/data/hosting-desk');
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.local/share/hosting-desk');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '' }, '/home/ann')).toBe(
      '/home/ann/.local/share/hosting-desk',
    );
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'rel/dir' }, '/home/ann')).toBe(
      '/home/ann/.local/share/hosting-desk',
    );
    expect(defaultDataDir('freebsd', {}, '/home/ann')).toBe('/home/ann/.local/share/hosting-desk');
  });

  it('macOS: Application Support', () => {
    expect(defaultDataDir('darwin', { XDG_DATA_HOME: '/ignored' }, '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/Hosting Desk',
    );
  });

  it('Windows: LOCALAPPDATA (not Roaming), else the profile default', () => {
    expect(
      defaultDataDir('win32', { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'C:\\Users\\ann'),
    ).toBe('C:\\Users\\ann\\AppData\\Local\\Hosting Desk');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Local\\Hosting Desk',
    );
  });

  it('HOSTING_DESK_DATA_DIR wins when absolute, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const)
      expect(defaultDataDir(platform, { HOSTING_DESK_DATA_DIR: '/srv/desk' }, '/home/ann')).toBe('/srv/desk');
    expect(defaultDataDir('linux', { HOSTING_DESK_DATA_DIR: 'relative' }, '/home/ann')).toBe(
      '/home/ann/.local/share/hosting-desk',
    );
  });
});
