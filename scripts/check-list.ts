import { runCheckList } from '../electron/core/intake/check-list';
import { OsSecretStore } from '../electron/core/secrets/os-secret-store';

/** `npm run check-list -- FILE …`: see electron/core/intake/check-list.ts. */
runCheckList(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  secretStore: () => new OsSecretStore(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `check-list failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
