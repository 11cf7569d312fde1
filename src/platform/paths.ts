import fs from 'node:fs';
import path from 'node:path';

/** The project root (where package.json is), whether running from src/ or from the compiled dist/. */
export const projectRoot = findProjectRoot(__dirname);

function findProjectRoot(start: string): string {
  let dir = start;
  while (path.dirname(dir) !== dir) {
    if (fs.existsSync(path.join(dir, 'package.json')) && path.basename(dir) !== 'dist') return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`package.json not found above ${start}`);
}
