import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built settings-page server (tests run after the build). */
export const UI_SERVER = fileURLToPath(new URL('../../dist/homebridge-ui/server.js', import.meta.url));

/** An event the server pushed to the page. */
export interface PushedEvent {
  readonly event: string;
  readonly data: unknown;
}

/**
 * The settings-page server run as the Homebridge UI runs it: a forked child process with the
 * storage and config paths in its environment, spoken to over IPC with `request` messages, answering
 * with `response` and pushing `stream` events.
 */
export class UiServerProcess {
  readonly child: ChildProcess;
  readonly events: PushedEvent[] = [];
  readonly output: string[] = [];
  #next = 1;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  readonly #ready: Promise<void>;

  constructor(storagePath: string, configPath: string) {
    if (!existsSync(UI_SERVER))
      throw new Error(`${UI_SERVER} is missing: build the package first (pnpm build).`);
    this.child = fork(UI_SERVER, [], {
      env: {
        ...process.env,
        HOMEBRIDGE_STORAGE_PATH: storagePath,
        HOMEBRIDGE_CONFIG_PATH: configPath,
        HOMEBRIDGE_UI_VERSION: '5.0.0',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.#ready = new Promise((resolve, reject) => {
      this.child.once('exit', (code) =>
        reject(new Error(`the UI server exited (${code}): ${this.output.join('')}`)),
      );
      this.child.on('message', (message: { action: string; payload: Record<string, unknown> }) => {
        if (message.action === 'ready') resolve();
        if (message.action === 'stream') {
          this.events.push({ event: String(message.payload.event), data: message.payload.data });
        }
        if (message.action === 'response') {
          const pending = this.#pending.get(message.payload.requestId as number);
          this.#pending.delete(message.payload.requestId as number);
          if (message.payload.success === true) pending?.resolve(message.payload.data);
          else pending?.reject(new Error(JSON.stringify(message.payload.data)));
        }
      });
    });
  }

  /** Resolves once the server said it is ready. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Sends a request as `homebridge.request(path, body)` does. */
  request<T>(path: string, body: unknown): Promise<T> {
    const requestId = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(requestId, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ action: 'request', requestId, path, body });
    });
  }

  /** Closes the IPC channel (the server ends itself) and waits for the exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}
