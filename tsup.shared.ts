import { defineConfig, type Options } from 'tsup';

/**
 * The build every published package shares: ESM and CJS with separate declarations
 * (`.d.ts` for `import`, `.d.cts` for `require`), Node 22 target, no bundled dependencies.
 */
export function packageBuild(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
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
