import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { StoredTokens } from './stored-tokens';
import { parseTokenFile, serializeTokenFile } from './token-file-format';
import type { TokenStore } from './token-store';

/** Options of a {@link FileTokenStore}. */
export interface FileTokenStoreOptions {
  /** The file mode of the token file; only its owner may read it. Default `0o600`. */
  readonly mode?: number;
  /**
   * Moves the finished temporary file over the token file. Defaults to `fs.rename`; tests inject a
   * failing one to prove that a crash before the rename leaves the old file intact.
   */
  readonly rename?: (from: string, to: string) => Promise<void>;
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * A {@link TokenStore} in one JSON file with a schema version. Writes are atomic: a temporary file in
 * the same directory is written with mode 0600, flushed to disk (fsync) and renamed over the old file,
 * so a crash leaves either the old or the new tokens, never a torn file. A file that cannot be parsed
 * makes `load` throw a `BimmerValidationError`; the file is left alone until a later `save`.
 */
export class FileTokenStore implements TokenStore {
  /** The token file's path. */
  readonly path: string;
  readonly #mode: number;
  readonly #rename: (from: string, to: string) => Promise<void>;
  /** The save in progress: saves run one after another, so the newest tokens are the ones that stay. */
  #queue: Promise<void> = Promise.resolve();

  /**
   * @param path where the tokens live, e.g. `~/.local/share/bimmer/tokens.json`.
   * @param options file mode and, for tests, the rename step.
   */
  constructor(path: string, options: FileTokenStoreOptions = {}) {
    this.path = path;
    this.#mode = options.mode ?? 0o600;
    this.#rename = options.rename ?? rename;
  }

  /** Reads the file; `undefined` when it does not exist. */
  async load(): Promise<StoredTokens | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isMissingFile(error)) return undefined;
      throw error;
    }
    return parseTokenFile(text, this.path);
  }

  /** Atomically replaces the file with `tokens`, after any save already running. */
  save(tokens: StoredTokens): Promise<void> {
    const saving = this.#queue.then(() => this.#write(tokens));
    this.#queue = saving.catch(() => undefined);
    return saving;
  }

  async #write(tokens: StoredTokens): Promise<void> {
    const directory = dirname(this.path);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temporary = join(
      directory,
      `.${basename(this.path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
      const handle = await open(temporary, 'wx', this.#mode);
      try {
        await handle.writeFile(serializeTokenFile(tokens), 'utf8');
        // The mode given to open() is masked by the umask; set it explicitly.
        await handle.chmod(this.#mode);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.#rename(temporary, this.path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await syncDirectory(directory);
  }
}

/** Flushes the directory entry of a rename to disk; not every platform can open a directory, so best effort. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; the rename itself is still atomic there.
  }
}
