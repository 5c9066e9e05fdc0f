import { describe, expect, it } from 'vitest';
import { parse } from '../../../test/synthetic';

describe('check-control messages', () => {
  it('drops OK, keeps LOW, and names the urgent ones', () => {
    const s = parse({
      state: {
        checkControlMessages: [
          { type: 'TIRE_PRESSURE', severity: 'LOW' },
          { type: 'WASHER_FLUID', severity: 'OK' },
          { type: 'ENGINE_OIL', severity: 'MEDIUM', longDescription: 'Top up oil' },
          { type: 'BRAKES', severity: 'CRITICAL' },
        ],
      },
    });
    const ccm = s.checkControlMessages;
    expect(ccm?.messages.map((m) => m.descriptionShort)).toEqual(['TIRE_PRESSURE', 'ENGINE_OIL', 'BRAKES']);
    expect(ccm?.messages[1]?.descriptionLong).toBe('Top up oil');
    expect(ccm?.hasCheckControlMessages).toBe(true);
    expect(ccm?.urgentCheckControlMessages).toBe('ENGINE_OIL, BRAKES');
  });
  it('only LOW messages are not urgent', () => {
    const s = parse({ state: { checkControlMessages: [{ type: 'ENGINE_OIL', severity: 'LOW' }] } });
    expect(s.checkControlMessages?.messages).toHaveLength(1);
    expect(s.checkControlMessages?.hasCheckControlMessages).toBe(false);
    expect(s.checkControlMessages?.urgentCheckControlMessages).toBeUndefined();
  });
});
