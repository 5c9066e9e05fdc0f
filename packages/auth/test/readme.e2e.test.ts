/**
 * Runs the TypeScript examples of this package's README, the simulator README and docs/captcha.md
 * against the simulator, as written. The only stand-ins: the authenticator sends to the simulator
 * unless the example gives a `baseUrl`, file token stores write below a temporary directory, and
 * `process.env` holds the demo password and a captcha token.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as simulator from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as auth from '../src/index';

const PASSWORD = 'bimmer-demo';
/** The accounts the examples use, all with the demo password. */
const USERNAMES = ['you@example.com', 'demo@bimmer.dev', '8613800000000'];

let sim: simulator.Simulator;
let directory: string;

beforeAll(async () => {
  sim = await simulator.startSimulator({
    port: 0,
    accounts: USERNAMES.map((username) => ({ username, password: PASSWORD })),
    chinaCaptcha: 'generated',
  });
  directory = await mkdtemp(join(tmpdir(), 'bimmer-auth-readme-'));
});
afterAll(async () => {
  await sim.stop();
  await rm(directory, { recursive: true, force: true });
});

/**
 * The ```ts blocks of a Markdown file that import from @bimmer packages or create an authenticator
 * (the runnable examples; the others show interfaces or adapter code).
 */
function examples(file: URL): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .filter((code) => /from '@bimmer\/|new MyBMWAuthenticator\(/.test(code));
}

type Example = (...args: unknown[]) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => Example;

/** Runs one example with the stand-ins bound; returns what it logged. */
async function run(code: string): Promise<unknown[][]> {
  // A short example continues the one before it: it uses the authenticator without importing it.
  const imports = /^import /m.test(code) ? '' : "const { MyBMWAuthenticator } = __modules['@bimmer/auth'];\n";
  const body = (imports + stripTypeScriptTypes(code))
    .replace(
      /^import\s+\{([^}]*)\}\s+from\s+'(@bimmer\/[a-z]+)';$/gm,
      (_, names: string, module: string) => `const {${names}} = __modules['${module}'];`,
    )
    // The placeholder of a real captcha token (HTTP headers cannot carry the ellipsis).
    .replaceAll('P1_eY…', 'P1_eY-readme-placeholder');
  const baseUrl = sim.url;
  class SimulatorAuthenticator extends auth.MyBMWAuthenticator {
    constructor(options: auth.MyBMWAuthenticatorOptions) {
      super({ baseUrl, ...options });
    }
  }
  class TemporaryFileTokenStore extends auth.FileTokenStore {
    constructor(path: string) {
      super(join(directory, path.replaceAll('/', '_')));
    }
  }
  const modules = {
    '@bimmer/auth': {
      ...auth,
      MyBMWAuthenticator: SimulatorAuthenticator,
      FileTokenStore: TemporaryFileTokenStore,
    },
    '@bimmer/simulator': simulator,
  };
  const logged: unknown[][] = [];
  const console = { log: (...values: unknown[]) => void logged.push(values) };
  const process = { env: { MYBMW_PASSWORD: PASSWORD, MYBMW_CAPTCHA: 'P1_readme-captcha-token' } };
  const example = new AsyncFunction('__modules', 'console', 'process', 'username', 'password', body);
  await example(modules, console, process, USERNAMES[0], PASSWORD);
  return logged;
}

const files = {
  'packages/auth/README.md': new URL('../README.md', import.meta.url),
  'packages/simulator/README.md': new URL('../../simulator/README.md', import.meta.url),
  'docs/captcha.md': new URL('../../../docs/captcha.md', import.meta.url),
};

describe.each(Object.entries(files))('the examples of %s', (_name, file) => {
  const blocks = examples(file);

  it('has runnable examples', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((code, index) => [index + 1, code] as const))(
    'example %i runs',
    async (_index, code) => {
      sim.reset();
      const logged = await run(code);
      // Examples that print say what they expect in a comment: `console.log(x); // true`.
      const expected = [...code.matchAll(/console\.log\(.*\); \/\/ (.+)$/gm)].map((match) => match[1]);
      expect(logged.map((values) => values.map(String).join(' '))).toEqual(expected);
      // Every login the example made reached the simulator and succeeded.
      expect(sim.requests().some((request) => request.status !== null && request.status >= 400)).toBe(false);
    },
  );
});
