import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every .ts/.tsx file under `root`/`dirs`, as repo-relative POSIX paths with their text. */
export function sourceFiles(root: string, dirs: readonly string[]): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return; // a fixture need not have every top-level folder
    }
    for (const name of entries) {
      if (name === 'node_modules' || name === 'out') continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
        out.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
