import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExecutionState, isFinalState, parseExecutionState } from './execution-state';

describe('parseExecutionState', () => {
  it('reads every state case-insensitively', () => {
    for (const state of Object.values(ExecutionState)) {
      expect(parseExecutionState(state)).toBe(state);
      expect(parseExecutionState(state.toLowerCase())).toBe(state);
    }
  });

  it('maps anything else to UNKNOWN, which is never final', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const state = parseExecutionState(value);
        expect(Object.values(ExecutionState)).toContain(state);
      }),
    );
    expect(parseExecutionState(undefined)).toBe('UNKNOWN');
    expect(isFinalState('UNKNOWN')).toBe(false);
  });

  it('treats only EXECUTED, ERROR and IGNORED as final', () => {
    expect(Object.values(ExecutionState).filter(isFinalState)).toEqual(['EXECUTED', 'ERROR', 'IGNORED']);
  });
});
