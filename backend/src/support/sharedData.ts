import * as fs from 'fs';
import * as path from 'path';

/** Repository root: the folder holding the root package.json with workspaces. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const json = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { workspaces?: unknown };
      if (json.workspaces) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the Vigil repository root from ' + __dirname);
    dir = parent;
  }
}

/** The shared data folder: VIGIL_SHARED_DIR, else <repo root>/../shared. Read-only. */
export function sharedDir(): string {
  return process.env.VIGIL_SHARED_DIR ?? path.resolve(repoRoot(), '..', 'shared');
}

/** A path inside the shared folder; throws naming the path when it is missing. */
export function sharedPath(...parts: string[]): string {
  const p = path.join(sharedDir(), ...parts);
  if (!fs.existsSync(p)) throw new Error(`missing shared data file: ${p}`);
  return p;
}
