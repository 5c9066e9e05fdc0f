import type { HubLogger } from '../../src/hub-logger';

/** A logger that keeps the lines for assertions instead of printing them. */
export function recordingLogger(): HubLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(message),
    warn: (message) => lines.push(`warning: ${message}`),
  };
}
