// Copies the repository's own fleet (`fixtures/` at the root, the one copy in git) into
// `dist/fixtures`, so the published package serves it: `startSimulator()`, `bimmer-simulator` and
// `bimmer demo` installed from npm find it there (see src/fleet-location.ts). Only the recorded
// responses and their READMEs are copied.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../../../fixtures', import.meta.url));
const target = fileURLToPath(new URL('../dist/fixtures', import.meta.url));
const SHIPPED = new Set(['.json', '.md']);

if (!existsSync(`${source}/mybmw`)) {
  console.error(`copy-fixtures: ${source}/mybmw is missing; the package would ship without its fleet.`);
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
cpSync(source, target, {
  recursive: true,
  filter: (path) => !extname(path) || SHIPPED.has(extname(path)),
});
