import { describe, expect, it } from 'vitest';
import { MemoryOutput } from '../test-support';
import { terminalCapabilities } from './terminal';

describe('terminalCapabilities', () => {
  const tty = new MemoryOutput(true);
  const pipe = new MemoryOutput(false);

  it('colours and animates on a terminal only', () => {
    expect(terminalCapabilities(tty, {})).toEqual({ color: true, animate: true });
    expect(terminalCapabilities(pipe, {})).toEqual({ color: false, animate: false });
  });

  it('honours NO_COLOR, --no-color, FORCE_COLOR, CI and TERM=dumb', () => {
    expect(terminalCapabilities(tty, { NO_COLOR: '1' })).toEqual({ color: false, animate: true });
    expect(terminalCapabilities(tty, {}, { noColor: true }).color).toBe(false);
    expect(terminalCapabilities(pipe, { FORCE_COLOR: '1' }).color).toBe(true);
    expect(terminalCapabilities(tty, { CI: 'true' })).toEqual({ color: false, animate: false });
    expect(terminalCapabilities(tty, { TERM: 'dumb' })).toEqual({ color: false, animate: false });
    expect(terminalCapabilities(tty, { NO_COLOR: '' }).color).toBe(true);
  });
});
