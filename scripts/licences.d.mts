// Types for scripts/licences.mjs (used by scripts/licences.test.ts).
export type Licence = { name: string; version: string; licence: string };
export const LICENCES_FILE: string;
export function runtimeLicences(lock: {
  packages: Record<string, { version?: string; license?: string; dev?: boolean; devOptional?: boolean }>;
}): Licence[];
export function readLock(): {
  packages: Record<string, { version?: string; license?: string; dev?: boolean; devOptional?: boolean }>;
};
