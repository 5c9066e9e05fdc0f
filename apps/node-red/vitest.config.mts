import { defineConfig } from 'vitest/config';

// As the shared package configuration, except for modules loaded by Node itself: Node-RED is
// loaded with require(), and the shared `import` condition would make require('mustache') inside
// Node-RED pick its ES module build, which breaks the editor API.
export default defineConfig({
  resolve: { conditions: ['@bimmer/source', 'node'] },
  ssr: {
    resolve: { conditions: ['@bimmer/source', 'node'], externalConditions: ['@bimmer/source', 'node'] },
  },
  test: {
    name: 'node-red',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
    // One worker per file is slow to start; the files share nothing that isolation would protect.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
