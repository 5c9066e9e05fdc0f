import { stat } from 'node:fs/promises';
import { runOrThrow } from './run';
import type { WorkspacePackage } from './workspace-packages';

/** A package packed as npm would publish it. */
export interface PackedPackage {
  readonly name: string;
  /** Absolute path of the tarball. */
  readonly tarball: string;
  readonly bytes: number;
  /** The paths inside the tarball, relative to `package/`. */
  readonly files: readonly string[];
}

/**
 * Packs each package with `pnpm pack`, exactly what `pnpm publish` uploads: `workspace:*` becomes
 * the real version and `publishConfig.exports` replaces `exports` (no `@bimmer/source` condition).
 */
export function packAll(
  packages: readonly WorkspacePackage[],
  destination: string,
): Promise<PackedPackage[]> {
  return Promise.all(
    packages.map(async (workspacePackage) => {
      const { stdout } = await runOrThrow('pnpm', ['pack', '--pack-destination', destination, '--json'], {
        cwd: workspacePackage.directory,
      });
      const report = JSON.parse(stdout) as { name: string; filename: string; files: { path: string }[] };
      return {
        name: report.name,
        tarball: report.filename,
        bytes: (await stat(report.filename)).size,
        files: report.files.map((file) => file.path),
      };
    }),
  );
}
