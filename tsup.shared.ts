import { existsSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/**
 * The build every published package shares: ESM and CJS with separate declarations
 * (`.d.ts` for `import`, `.d.cts` for `require`), Node 22 target, no bundled dependencies. The
 * entries are `src/index.ts` and, when the package has one, `src/internal.ts` (its `./internal`
 * export: helpers shared between our packages, not public API).
 */
export function packageBuild(overrides: Options = {}) {
  return defineConfig({
    entry: existsSync('src/internal.ts') ? ['src/index.ts', 'src/internal.ts'] : ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
    platform: 'node',
    treeshake: true,
    ...overrides,
  });
}
