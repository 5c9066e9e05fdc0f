// Loaded with `node --import` by test/start-up.test.ts: writes every module URL Node loads to stderr,
// one `load <url>` line each, so a test can see what a command pulls in.
import { writeSync } from 'node:fs';
import { registerHooks } from 'node:module';

registerHooks({
  load(url, context, nextLoad) {
    writeSync(2, `load ${url}\n`);
    return nextLoad(url, context);
  },
});
