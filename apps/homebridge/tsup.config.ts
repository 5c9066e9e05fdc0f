import { cp, mkdir } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// One ESM bundle for Homebridge (it imports plugins with import()), with our own packages and the
// small pure-JS libraries inside, so an install pulls only mqtt, aedes (the demo's broker) and the
// settings-page helper. The settings-page server is a second entry in dist/homebridge-ui.
export default defineConfig({
  entry: { index: 'src/index.ts', 'homebridge-ui/server': 'src/ui/server.ts' },
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  dts: false,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  noExternal: [/^@bimmer\//, 'valibot', 'ky', 'jpeg-js'],
  external: ['mqtt', 'aedes', '@homebridge/plugin-ui-utils', 'homebridge'],
  esbuildOptions(options) {
    options.conditions = ['import', 'module', 'node', 'default'];
  },
  // Bundled CommonJS (jpeg-js) calls require(); ESM has none, so give it one.
  banner: {
    js: "import { createRequire as __bimmerCreateRequire } from 'node:module';\nconst require = __bimmerCreateRequire(import.meta.url);",
  },
  async onSuccess() {
    await mkdir('dist/homebridge-ui/public', { recursive: true });
    await cp('src/ui/public/index.html', 'dist/homebridge-ui/public/index.html');
    await cp('../../fixtures/cardata/rest', 'dist/demo-fleet/cardata', { recursive: true });
  },
});
