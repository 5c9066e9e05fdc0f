import { packageBuild } from '../../tsup.shared';

export default [
  // The library: ESM + CJS; `shims` gives the CJS build an import.meta.url for the default fleet path.
  packageBuild({ shims: true }),
  // The bin: one ESM file with a shebang, next to the library output.
  packageBuild({
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
];
