// Types for the pure helpers of scripts/start.mjs (used by scripts/start.test.ts).
export function findElectronBinary(io: {
  electronDir: string;
  env: Record<string, string | undefined>;
  exists: (path: string) => boolean;
  readFile: (path: string) => string;
}): { found: true; path: string } | { found: false; reason: string };
export function electronNativePaths(
  projectRoot: string,
  electronVersion: string,
): { dir: string; moduleDir: string; binding: string };
