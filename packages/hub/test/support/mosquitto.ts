import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** Where Debian puts Mosquitto and its tools. */
const CANDIDATES = {
  mosquitto: ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'],
  mosquittoSub: ['/usr/bin/mosquitto_sub', '/usr/local/bin/mosquitto_sub'],
  mosquittoPasswd: ['/usr/bin/mosquitto_passwd', '/usr/local/bin/mosquitto_passwd'],
};

function find(names: readonly string[]): string | undefined {
  return names.find((path) => existsSync(path));
}

/** The Mosquitto binaries, or why they are missing. */
export const MOSQUITTO = {
  broker: find(CANDIDATES.mosquitto),
  sub: find(CANDIDATES.mosquittoSub),
  passwd: find(CANDIDATES.mosquittoPasswd),
};

/**
 * Whether the Mosquitto tests can run. Locally a missing Mosquitto skips them (saying why); in CI
 * (`CI` set) it is a failure: `.ci/run` installs `mosquitto mosquitto-clients` when missing.
 */
export function mosquittoMissing(): string | undefined {
  const missing = Object.entries(MOSQUITTO)
    .filter(([, path]) => path === undefined)
    .map(([name]) => name);
  if (missing.length === 0) return undefined;
  const reason = `Mosquitto is not installed (missing: ${missing.join(', ')}); apt-get install -y mosquitto mosquitto-clients`;
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
    throw new Error(`${reason}. In CI this is a failure: .ci/run installs it.`);
  }
  console.warn(`Skipping the Mosquitto tests: ${reason}.`);
  return reason;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A Mosquitto broker the test started on 127.0.0.1, with a user name and password, no persistence. */
export class MosquittoBroker {
  readonly port: number;
  readonly username = 'hub-user';
  readonly password = 'hub-password-9f2c';
  readonly #dir: string;
  #process: ChildProcess | undefined;

  private constructor(dir: string, port: number) {
    this.#dir = dir;
    this.port = port;
  }

  /** `mqtt://user:password@127.0.0.1:<port>`. */
  get urlWithCredentials(): string {
    return `mqtt://${this.username}:${this.password}@127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<MosquittoBroker> {
    const dir = await mkdtemp(join(tmpdir(), 'bimmer-mosquitto-'));
    const port = await freePort();
    const broker = new MosquittoBroker(dir, port);
    const passwords = join(dir, 'passwords');
    await writeFile(passwords, '');
    execFileSync(MOSQUITTO.passwd ?? 'mosquitto_passwd', ['-b', passwords, broker.username, broker.password]);
    await chmod(passwords, 0o600);
    await writeFile(
      join(dir, 'mosquitto.conf'),
      [
        `listener ${port} 127.0.0.1`,
        'allow_anonymous false',
        `password_file ${passwords}`,
        'persistence false',
        // Started as root, Mosquitto would drop to its own user and could not read our files.
        `user ${userInfo().username}`,
        'log_dest stderr',
        'log_type error',
      ].join('\n'),
    );
    await broker.resume();
    return broker;
  }

  /** Starts the broker process (again); resolves once it accepts connections. */
  async resume(): Promise<void> {
    const child = spawn(MOSQUITTO.broker ?? 'mosquitto', ['-c', join(this.#dir, 'mosquitto.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.#process = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const deadline = Date.now() + 10_000;
    while (!(await accepting(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`mosquitto did not start on ${this.port}: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops the broker process (its retained messages are gone: no persistence). */
  async halt(): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (child === undefined || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async stop(): Promise<void> {
    await this.halt();
    await rm(this.#dir, { recursive: true, force: true });
  }
}

/** Runs Debian's `mosquitto_sub -v` until `done(lines)` holds or the timeout; returns the lines. */
export async function mosquittoSub(
  broker: { readonly port: number; readonly username?: string; readonly password?: string },
  topic: string,
  done: (lines: readonly string[]) => boolean,
  timeoutMs = 10_000,
): Promise<string[]> {
  const login =
    broker.username === undefined || broker.password === undefined
      ? []
      : ['-u', broker.username, '-P', broker.password];
  const child = spawn(
    MOSQUITTO.sub ?? 'mosquitto_sub',
    ['-h', '127.0.0.1', '-p', String(broker.port), ...login, '-t', topic, '-v'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let buffer = '';
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      if (error) reject(error);
      else resolve(lines);
    };
    const timer = setTimeout(
      () =>
        finish(new Error(`mosquitto_sub saw only: ${lines.map((line) => line.split(' ')[0]).join(', ')}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end = buffer.indexOf('\n');
      while (end >= 0) {
        lines.push(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        end = buffer.indexOf('\n');
      }
      if (done(lines)) finish();
    });
    child.once('error', (error) => finish(error));
  });
}
