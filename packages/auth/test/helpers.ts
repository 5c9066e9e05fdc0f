import type { AuthClock } from '../src/clock';
import type { AuthLogger } from '../src/logger';

/** A clock that only moves when told and records waits instead of sleeping. */
export class ManualClock implements AuthClock {
  readonly sleeps: number[] = [];
  #now: number;

  constructor(start = Date.UTC(2026, 11, 1, 8, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  async sleep(milliseconds: number): Promise<void> {
    this.sleeps.push(milliseconds);
    this.#now += milliseconds;
  }

  advance(milliseconds: number): void {
    this.#now += milliseconds;
  }
}

/** A logger that keeps every line, so tests can assert what was (and was not) logged. */
export class RecordingLogger implements AuthLogger {
  readonly lines: string[] = [];

  debug(message: string): void {
    this.lines.push(`debug ${message}`);
  }

  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
}

/** Every secret must be absent from every text a test collected (logs, error messages, JSON). */
export function expectNoSecrets(texts: readonly string[], secrets: readonly (string | undefined)[]): void {
  for (const secret of secrets) {
    if (secret === undefined || secret === '') continue;
    for (const text of texts) {
      if (text.includes(secret)) throw new Error(`a secret leaked into: ${text.slice(0, 80)}`);
    }
  }
}

/** The message, JSON form and hint of an error, for secret checks. */
export function errorTexts(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  const texts = [error.message, error.stack ?? '', JSON.stringify(error)];
  if ('hint' in error && typeof error.hint === 'string') texts.push(error.hint);
  if (error.cause !== undefined) texts.push(...errorTexts(error.cause));
  return texts;
}
