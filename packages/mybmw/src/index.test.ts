import { describe, expect, it } from 'vitest';
import * as entry from './index';

describe('@bimmer/mybmw exports', () => {
  it('exports exactly these runtime names (a new export is a reviewed change)', () => {
    expect(Object.keys(entry).sort()).toMatchInlineSnapshot(`
      [
        "MYBMW_LIVE_DEFAULTS",
        "MyBMWAccount",
        "MyBMWClient",
        "MyBMWLiveAccount",
        "MyBMWVehicle",
        "Regions",
        "VehicleStateData",
        "VehicleViewDirection",
        "gpsPosition",
        "openMyBMWLiveAccount",
      ]
    `);
  });
});
