import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@bimmer/auth/internal';

/** Reads a JSON file; undefined when it does not exist. A corrupt file is treated as absent. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Writes JSON atomically (0600 temp file, fsync, rename; see `writeFileAtomic`). */
export async function writeJsonFileAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
