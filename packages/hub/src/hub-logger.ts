/**
 * Where the hub tells what it does: progress, the device-code prompt, warnings. The CLI hands in its
 * stderr logger; without one, lines go to stderr. Nothing logged carries a secret (tokens, passwords,
 * the API key); VINs do appear, as they are the hub's topic names.
 */
export interface HubLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** The default logger: one line per message on stderr, so stdout stays for the hub's two URL lines. */
export const stderrLogger: HubLogger = {
  info: (message) => process.stderr.write(`${message}\n`),
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
};
