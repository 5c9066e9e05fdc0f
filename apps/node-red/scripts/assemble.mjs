// Puts together what Node-RED loads beside the bundle (run after tsup):
// - dist/bimmer.js: the CommonJS node file (src/bimmer.cjs), which imports dist/runtime.mjs;
// - dist/bimmer.html: every node's editor definition (src/editor/*.html), literal objects as written;
// - dist/locales/<lang>/bimmer.json and bimmer.html: labels (keyed by node type) and help texts;
// - dist/fleet/: our own demo fleet (the repository's fixtures) and the demo car's day for the demo transport.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const repository = join(root, '..', '..');
/** Node types in the order the palette and the editor file list them: the config node first. */
const TYPES = ['bimmer-account', 'bimmer-vehicle', 'bimmer-watch', 'bimmer-event', 'bimmer-remote'];

mkdirSync(dist, { recursive: true });
cpSync(join(root, 'src', 'bimmer.cjs'), join(dist, 'bimmer.js'));

const editor = TYPES.map((type) => readFileSync(join(root, 'src', 'editor', `${type}.html`), 'utf8').trim());
writeFileSync(join(dist, 'bimmer.html'), `${editor.join('\n\n')}\n`);

for (const language of readdirSync(join(root, 'src', 'locales'))) {
  const source = join(root, 'src', 'locales', language);
  const target = join(dist, 'locales', language);
  mkdirSync(target, { recursive: true });
  const labels = {};
  const help = [];
  for (const type of TYPES) {
    labels[type] = JSON.parse(readFileSync(join(source, `${type}.json`), 'utf8'));
    help.push(readFileSync(join(source, `${type}.html`), 'utf8').trim());
  }
  writeFileSync(join(target, 'bimmer.json'), `${JSON.stringify(labels, null, 2)}\n`);
  writeFileSync(join(target, 'bimmer.html'), `${help.join('\n\n')}\n`);
}

cpSync(join(repository, 'fixtures', 'mybmw'), join(dist, 'fleet', 'mybmw'), { recursive: true });
cpSync(join(repository, 'fixtures', 'cardata', 'rest'), join(dist, 'fleet', 'cardata'), { recursive: true });
// The demo car's day, replayed on the demo account's stream.
mkdirSync(join(dist, 'fleet', 'scenarios'), { recursive: true });
cpSync(
  join(repository, 'fixtures', 'cardata', 'scenarios', 'commuter-day.json'),
  join(dist, 'fleet', 'scenarios', 'commuter-day.json'),
);
console.log(`assembled ${basename(dist)}/: bimmer.js, bimmer.html, locales, fleet`);
