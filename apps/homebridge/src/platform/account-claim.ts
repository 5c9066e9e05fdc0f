import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Accounts claimed by platforms of this process. */
const claimedHere = new Set<string>();

/** A claim on one account, released at shutdown. */
export interface AccountClaim {
  release(): void;
}

/** Why a claim was refused. */
export type ClaimRefusal = 'this-process' | 'other-process';

/**
 * Makes sure one configured account runs one live account, even when the platform is listed twice
 * in config.json by mistake, in one bridge or in two child bridges: the first platform to claim
 * the account's key gets it; a second gets a refusal (and logs a clear error). Across processes the
 * claim is a small file with the owner's process id in `<folder>`, taken over when that process is
 * gone.
 */
export function claimAccount(folder: string, key: string): AccountClaim | ClaimRefusal {
  if (claimedHere.has(key)) return 'this-process';
  const file = join(folder, `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.pid`);
  try {
    const owner = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner))
      return 'other-process';
  } catch {
    // No claim file: free.
  }
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${process.pid}\n`, { mode: 0o600 });
  } catch {
    // A read-only storage path only loses the cross-process check; this process still claims it.
  }
  claimedHere.add(key);
  return {
    release() {
      claimedHere.delete(key);
      try {
        if (Number(readFileSync(file, 'utf8').trim()) === process.pid) rmSync(file, { force: true });
      } catch {
        // Already gone.
      }
    },
  };
}

/** True while a process with this id runs (on this machine). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
