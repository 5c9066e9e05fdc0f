import { describe, expect, it } from 'vitest';
import { issuePaths, parse } from '../../../test/synthetic';

describe('doors and windows', () => {
  it('lists lids and windows, skips combined states and INVALID, adds the roof as a lid', () => {
    const s = parse({
      state: {
        doorsState: {
          combinedSecurityState: 'SECURED',
          combinedState: 'OPEN',
          hood: 'CLOSED',
          leftFront: 'OPEN',
          trunk: 'INVALID',
        },
        windowsState: {
          combinedState: 'OPEN',
          leftFront: 'OPEN_TILT',
          rear: 'INVALID',
          rightFront: 'CLOSED',
        },
        roofState: { roofState: 'INTERMEDIATE', roofStateType: 'SUN_ROOF' },
      },
    });
    const dw = s.doorsAndWindows;
    expect(dw?.doorLockState).toBe('SECURED');
    expect(dw?.lids.map((l) => [l.name, l.state])).toEqual([
      ['hood', 'CLOSED'],
      ['leftFront', 'OPEN'],
      ['sunRoof', 'INTERMEDIATE'],
    ]);
    expect(dw?.windows.map((w) => [w.name, w.state])).toEqual([
      ['leftFront', 'OPEN_TILT'],
      ['rightFront', 'CLOSED'],
    ]);
    expect(dw?.openLids.map((l) => l.name)).toEqual(['leftFront', 'sunRoof']);
    expect(dw?.openWindows.map((w) => w.name)).toEqual(['leftFront']);
    expect([dw?.allLidsClosed, dw?.allWindowsClosed]).toEqual([false, false]);
  });
  it('unknown and null lid states are UNKNOWN (open) with an issue', () => {
    const s = parse({ state: { doorsState: { hood: 'AJAR', trunk: null, combinedSecurityState: 'WEIRD' } } });
    expect(s.doorsAndWindows?.lids.map((l) => l.state)).toEqual(['UNKNOWN', 'UNKNOWN']);
    expect(s.doorsAndWindows?.allLidsClosed).toBe(false);
    expect(s.doorsAndWindows?.doorLockState).toBe('UNKNOWN');
    expect(issuePaths(s).sort()).toEqual(['state.doorsState.combinedSecurityState', 'state.doorsState.hood']);
  });
  it('a roof without doors is still listed (bimmer_connected drops the block)', () => {
    const s = parse({ state: { roofState: { roofState: 'CLOSED', roofStateType: 'MOON_ROOF' } } });
    expect(s.doorsAndWindows?.lids).toEqual([{ name: 'moonRoof', state: 'CLOSED', isClosed: true }]);
  });
  it('a malformed windows block leaves the doors intact', () => {
    const s = parse({ state: { doorsState: { hood: 'CLOSED' }, windowsState: 'broken' } });
    expect(s.doorsAndWindows?.lids).toHaveLength(1);
    expect(s.doorsAndWindows?.windows).toEqual([]);
    expect(issuePaths(s)).toEqual(['state.windowsState']);
  });
});
