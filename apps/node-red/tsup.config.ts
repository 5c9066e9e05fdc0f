import { defineConfig } from 'tsup';

// One ES module bundle with every @bimmer/* package inside (built from their sources), so the
// published package depends only on the third-party modules listed in package.json. The CommonJS
// node file Node-RED requires (dist/bimmer.js) loads it with import(); scripts/assemble.mjs copies
// that file, the editor HTML, the locales and our demo fleet beside it.
export default defineConfig({
  entry: { runtime: 'src/runtime-entry.ts' },
  format: ['esm'],
  outExtension: () => ({ js: '.mjs' }),
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
  treeshake: true,
  noExternal: [/^@bimmer\//],
  esbuildOptions(options) {
    options.conditions = ['@bimmer/source', 'import', 'node'];
  },
});
