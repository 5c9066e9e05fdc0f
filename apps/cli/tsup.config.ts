import { packageBuild } from '../../tsup.shared';

// The app is ESM only: `dist/cli.js` is the `bimmer` bin, `dist/index.js` the programmatic entry.
// A hashbang is valid JavaScript, so the banner on both entries is harmless.
export default packageBuild({
  entry: ['src/cli.ts', 'src/index.ts'],
  format: ['esm'],
  banner: { js: '#!/usr/bin/env node' },
});
