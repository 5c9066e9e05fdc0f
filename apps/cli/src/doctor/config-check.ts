import { randomBytes } from 'node:crypto';
import { open, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { configDirectory } from '../files/config-directory';
import type { CliIo } from '../io';
import type { DoctorCheck } from './cardata-setup-checks';

/**
 * Whether the config folder can hold tokens, without creating it (a doctor only looks): the folder,
 * or the nearest folder above it that exists, must take a new file.
 */
export async function configCheck(io: Pick<CliIo, 'env' | 'cwd'>): Promise<DoctorCheck> {
  let directory: string;
  try {
    directory = configDirectory(io);
  } catch (error) {
    return { verdict: 'fail', text: error instanceof Error ? error.message : String(error) };
  }
  let existing = directory;
  while (!(await isDirectory(existing))) {
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const probe = join(existing, `.bimmer-doctor.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await (await open(probe, 'wx', 0o600)).close();
    await unlink(probe);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { verdict: 'fail', text: `Config folder ${directory} is not writable: ${reason}` };
  }
  return existing === directory
    ? { verdict: 'ok', text: `Config folder ${directory} is writable` }
    : { verdict: 'ok', text: `Config folder ${directory} does not exist yet; the first login creates it` };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
