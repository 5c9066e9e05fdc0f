import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const find = (paths: readonly string[]) => paths.find((path) => existsSync(path));

/** Debian's Mosquitto broker and tools (`apt-get install mosquitto mosquitto-clients`). */
export const MOSQUITTO = {
  broker: find(['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto']),
  sub: find(['/usr/bin/mosquitto_sub', '/usr/local/bin/mosquitto_sub']),
  passwd: find(['/usr/bin/mosquitto_passwd', '/usr/local/bin/mosquitto_passwd']),
};

/**
 * Why the Mosquitto tests cannot run, or undefined when they can. Locally a missing Mosquitto skips
 * them (saying why); in CI (`CI` set) it fails them: CI installs `mosquitto mosquitto-clients`.
 */
export function mosquittoMissing(tools: readonly (keyof typeof MOSQUITTO)[]): string | undefined {
  const missing = tools.filter((tool) => MOSQUITTO[tool] === undefined);
  if (missing.length === 0) return undefined;
  const reason = `Mosquitto is not installed (missing: ${missing.join(', ')}); apt-get install -y mosquitto mosquitto-clients`;
  const ci = process.env.CI;
  if (ci !== undefined && ci !== '' && ci !== 'false') {
    throw new Error(`${reason}. In CI this is a failure, not a skip.`);
  }
  console.warn(`Skipping a Mosquitto test: ${reason}.`);
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

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A Mosquitto broker on a free 127.0.0.1 port with one user, as people run it at home. */
export interface MosquittoBroker {
  readonly port: number;
  readonly username: string;
  readonly password: string;
  stop(): Promise<void>;
}

/** Starts Mosquitto on a free port with a password file and no anonymous access. */
export async function startMosquitto(): Promise<MosquittoBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'bimmer-cli-mosquitto-'));
  const port = await freePort();
  const username = 'house';
  const password = 'mosquitto-secret-7d1e';
  const passwords = join(dir, 'passwords');
  await writeFile(passwords, '');
  execFileSync(MOSQUITTO.passwd ?? 'mosquitto_passwd', ['-b', passwords, username, password]);
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
  const child: ChildProcess = spawn(MOSQUITTO.broker ?? 'mosquitto', ['-c', join(dir, 'mosquitto.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = Date.now() + 10_000;
  while (!(await accepting(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`mosquitto did not start on ${port}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    username,
    password,
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A broker login for `mosquitto_sub`. */
export interface BrokerLogin {
  readonly username: string;
  readonly password: string;
}

/** A running `mosquitto_sub -v`: every line it printed (`<topic> <payload>`), as it prints them. */
export interface MosquittoSubscription {
  readonly lines: readonly string[];
  /** Resolves with the lines once `done(lines)` holds; rejects after `timeoutMs` naming the topics seen. */
  waitFor(
    done: (lines: readonly string[]) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<readonly string[]>;
  /** Ends the subscriber. */
  stop(): Promise<void>;
}

/**
 * Runs Debian's `mosquitto_sub -h 127.0.0.1 -p <port> -t <topic>… -v`, as a user would type it, and
 * keeps every line it prints.
 */
export function startMosquittoSub(
  port: number,
  topics: readonly string[],
  login?: BrokerLogin,
): MosquittoSubscription {
  const args = ['-h', '127.0.0.1', '-p', String(port), ...topics.flatMap((topic) => ['-t', topic]), '-v'];
  if (login !== undefined) args.push('-u', login.username, '-P', login.password);
  const child = spawn(MOSQUITTO.sub ?? 'mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let stderr = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
      for (const waiter of [...waiters]) waiter();
    });
    child.once('error', (error) => {
      stderr += String(error);
      exited = true;
      resolve();
      for (const waiter of [...waiters]) waiter();
    });
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let end = buffer.indexOf('\n');
    while (end >= 0) {
      lines.push(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf('\n');
    }
    for (const waiter of [...waiters]) waiter();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return {
    lines,
    waitFor(done, what, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const finish = (error?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error === undefined) resolve(lines);
          else reject(error);
        };
        const check = () => {
          if (done(lines)) finish();
          else if (exited) finish(new Error(`mosquitto_sub ended before ${what}: ${stderr}`));
        };
        const timer = setTimeout(() => {
          const seen = [...new Set(lines.map((line) => line.split(' ')[0]))].join(', ');
          finish(new Error(`mosquitto_sub saw no ${what} in time; topics: ${seen} ${stderr}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
  };
}
