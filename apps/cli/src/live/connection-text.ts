import type { LiveAccountKind, LiveConnection } from '@bimmer/core';
import { cliHintFor } from '../errors/cli-hints';
import { formatTimeSeconds } from '../render/format';

/** A connection state told to the person at the terminal, on stderr. */
export interface ConnectionMessage {
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
  /** What to do, in the CLI's words (a `failed` state's code picks it). */
  readonly hint?: string | undefined;
}

/**
 * A live account's connection state in words: connected, dropped and reconnecting (and when),
 * kicked by another program (the account's own warning, told once, names the fix: one hub for the
 * account), failed (why, and what to do). Undefined for states not worth a line (`idle`, `stopped`: the command says so itself).
 * `connectedBefore`: the source was connected earlier in this run (a reconnect, not the first).
 */
export function connectionMessage(
  connection: LiveConnection,
  context: { readonly kind: LiveAccountKind; readonly sourceName: string; readonly connectedBefore: boolean },
): ConnectionMessage | undefined {
  const { sourceName } = context;
  const retry =
    connection.retryAt === undefined ? '' : ` Next try at ${formatTimeSeconds(connection.retryAt)}.`;
  const reason = connection.reason === undefined ? '' : `: ${sentence(connection.reason)}`;
  switch (connection.state) {
    case 'connecting':
      return context.connectedBefore ? undefined : { level: 'info', text: `Connecting to ${sourceName}…` };
    case 'connected':
      return context.connectedBefore
        ? { level: 'info', text: `Connected to ${sourceName} again.` }
        : { level: 'info', text: `Connected to ${sourceName}; waiting for data. Press Ctrl-C to stop.` };
    case 'reconnecting':
      // Waiting for the next attempt (a drop, a refused login), or the attempt itself.
      return connection.retryAt === undefined
        ? { level: 'info', text: `Reconnecting to ${sourceName}${reason === '' ? '…' : reason}` }
        : { level: 'warn', text: `Not connected to ${sourceName}${reason === '' ? '.' : reason}${retry}` };
    case 'kicked':
      // The account tells what happened and the fix (one hub for the account) once, as a warning;
      // each kick is one short line.
      return {
        level: 'warn',
        text: `Kicked off ${sourceName} by another program using this account.${retry}`,
      };
    case 'failed': {
      const hint =
        connection.code === 'auth' && context.kind === 'cardata'
          ? cliHintFor('auth', 'cardata-login')?.text
          : connection.code === undefined
            ? undefined
            : cliHintFor(connection.code, undefined)?.text;
      return {
        level: 'error',
        text: `${capitalised(sourceName)} failed${reason === '' ? '.' : reason}${retry === '' ? '' : ` bimmer keeps trying.${retry}`}`,
        hint,
      };
    }
    default:
      return undefined;
  }
}

/** A reason as the end of a sentence: with its full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
