import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runOrThrow } from './run';

/**
 * Where tools downloaded for tests and CI are kept between runs; the same folder `.ci/run` uses for
 * its Node and pnpm.
 */
export function toolCache(): string {
  return (
    process.env.BIMMER_TOOL_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'bimmer-tools')
  );
}

/**
 * The path of a Node.js binary of exactly `version` (e.g. `22.12.0`), installed from the npm registry
 * (package `node`) into the tool cache on first use. The install goes to a private folder that is
 * renamed into place, so runs that race never see half an install.
 */
export async function nodeBinary(version: string): Promise<string> {
  const directory = join(toolCache(), `node-${version}`);
  const binary = join(directory, 'node_modules', '.bin', 'node');
  if (!existsSync(binary)) {
    const staging = `${directory}.${process.pid}.tmp`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    try {
      await runOrThrow(
        'npm',
        ['install', '--prefix', staging, '--no-audit', '--no-fund', '--loglevel=error', `node@${version}`],
        { cwd: staging },
      );
      // Another run may have finished first; a folder without the binary is a broken install.
      if (!existsSync(binary)) {
        await rm(directory, { recursive: true, force: true });
        await rename(staging, directory);
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  const { stdout } = await runOrThrow(binary, ['--version'], { cwd: directory });
  if (stdout.trim() !== `v${version}`) throw new Error(`${binary} is ${stdout.trim()}, not v${version}.`);
  return binary;
}
