import { packageBuild } from '../../tsup.shared';

// Two builds into one dist (cleaned by the build script, since they run side by side):
// the programmatic entry for `import` and `require`, like every published package, and the
// `bimmer` bin, ESM only because it awaits at top level. The bin keeps its own `#!` line; each
// command's code sits in chunks it imports only when that command runs.
export default [
  packageBuild({ clean: false }),
  packageBuild({
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    splitting: true,
  }),
];
