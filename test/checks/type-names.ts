import { sourceFiles } from './source-files';

/**
 * Naming check (issue 9, "Names"): an exported type or interface name means one thing across the
 * codebase, so `import { X }` never depends on which file it came from. Re-exports
 * (`export type { X } from …`) are the same type under the same name and are not counted.
 */
export const TYPE_NAME_ROOTS = ['electron', 'shared', 'renderer'] as const;

const DECLARATION = /^export\s+(?:declare\s+)?(?:type|interface)\s+([A-Za-z_$][\w$]*)/gm;

export type DuplicateTypeName = { name: string; files: string[] };

export function duplicateTypeNames(root: string, dirs: readonly string[] = TYPE_NAME_ROOTS) {
  const where = new Map<string, string[]>();
  for (const file of sourceFiles(root, dirs))
    for (const m of file.text.matchAll(DECLARATION)) {
      const name = m[1] as string;
      where.set(name, [...(where.get(name) ?? []), file.path]);
    }
  const duplicates: DuplicateTypeName[] = [];
  for (const [name, files] of where) if (files.length > 1) duplicates.push({ name, files });
  return duplicates.sort((a, b) => a.name.localeCompare(b.name));
}
