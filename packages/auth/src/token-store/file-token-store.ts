import { readFile, rename } from 'node:fs/promises';
import { probeWritable, removeStaleTempFiles, writeFileAtomic } from '../fs/atomic-write';
import { fileAccessError } from '../fs/file-access-error';
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
 * A {@link TokenStore} in one JSON file with a schema version. Writes are atomic (`writeFileAtomic`:
 * a 0600 temp file, fsync, rename), so a crash leaves either the old or the new tokens, never a torn
 * file, and temp files a crashed writer left are removed before the first write. A file that cannot be parsed
 * makes `load` throw a `BimmerValidationError` that says what is wrong (damaged, another schema version, an
 * unknown kind); the file is left alone until a later `save`. A path that cannot be used (a directory, a
 * file where a directory should be, a name too long, no permission) gives a `BimmerValidationError`
 * with action `check-files` that names the path, from `load`, `save` and, before anything is sent,
 * {@link FileTokenStore.checkWritable}.
 */
export class FileTokenStore implements TokenStore {
  /** The token file's path. */
  readonly path: string;
  readonly #mode: number;
  readonly #rename: (from: string, to: string) => Promise<void>;
  /** The save in progress: saves run one after another, so the newest tokens are the ones that stay. */
  #queue: Promise<void> = Promise.resolve();
  /** Stale temp files of a crashed writer are removed before the first write. */
  #swept = false;

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
      throw fileAccessError(this.path, error);
    }
    return parseTokenFile(text, this.path);
  }

  /**
   * Checks that `save` will be able to write the file, without changing it: the path is no directory,
   * its directory exists or can be created, and this user may create files there. Call it before a
   * login spends a captcha token or rotates a refresh token that could then not be kept.
   *
   * @throws BimmerValidationError (action `check-files`) naming the path and what is wrong with it.
   */
  async checkWritable(): Promise<void> {
    try {
      await probeWritable(this.path);
    } catch (error) {
      throw fileAccessError(this.path, error);
    }
  }

  /** Atomically replaces the file with `tokens`, after any save already running. */
  save(tokens: StoredTokens): Promise<void> {
    const saving = this.#queue.then(() => this.#write(tokens));
    this.#queue = saving.catch(() => undefined);
    return saving;
  }

  async #write(tokens: StoredTokens): Promise<void> {
    if (!this.#swept) {
      this.#swept = true;
      await removeStaleTempFiles(this.path);
    }
    try {
      await writeFileAtomic(this.path, serializeTokenFile(tokens), {
        mode: this.#mode,
        rename: this.#rename,
      });
    } catch (error) {
      throw fileAccessError(this.path, error);
    }
  }
}
