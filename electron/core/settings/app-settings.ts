import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';

/**
 * App-wide settings: `<dataDir>/settings.json`, next to the workspace registry, one JSON value per
 * key (validated by the caller against the key's schema). Written atomically (temp file + rename).
 * A damaged file is moved aside and the defaults apply: a remembered column width is not worth
 * refusing to start over.
 */
export type AppSettingsFile = {
  read(): Record<string, unknown>;
  write(key: string, value: unknown): void;
};

export const appSettingsFile = (dataDir: string): string => join(dataDir, 'settings.json');

export function appSettings(dataDir: string, logger: Logger): AppSettingsFile {
  const file = appSettingsFile(dataDir);
  const read = (): Record<string, unknown> => {
    if (!existsSync(file)) return {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
      throw new Error('not an object');
    } catch (error) {
      const aside = `${file}.damaged-${Date.now()}`;
      renameSync(file, aside);
      logger.log('warn', 'app settings file damaged; moved aside, defaults apply', {
        aside,
        reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
      });
      return {};
    }
  };
  return {
    read,
    write(key, value) {
      const all = { ...read(), [key]: value };
      mkdirSync(dataDir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, file);
    },
  };
}
