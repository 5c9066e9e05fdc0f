import { RemoteServiceName } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { capabilityOf } from './capability-of';
import { RemoteService } from './services';

describe('capabilityOf', () => {
  it('gives every service a capability of @bimmer/core, each a different one', () => {
    const names = new Set<string>(Object.values(RemoteServiceName));
    const mapped = Object.values(RemoteService).map((service) => capabilityOf(service));
    for (const name of mapped) expect(names.has(name)).toBe(true);
    expect(new Set(mapped).size).toBe(mapped.length);
  });

  it('checks the climate-stop capability only for the STOP action', () => {
    expect(capabilityOf(RemoteService.AIR_CONDITIONING)).toBe(RemoteServiceName.CLIMATE_START);
    expect(capabilityOf(RemoteService.AIR_CONDITIONING, 'START')).toBe(RemoteServiceName.CLIMATE_START);
    expect(capabilityOf(RemoteService.AIR_CONDITIONING, 'STOP')).toBe(RemoteServiceName.CLIMATE_STOP);
    expect(capabilityOf(RemoteService.DOOR_LOCK, 'STOP')).toBe(RemoteServiceName.DOOR_LOCK);
  });
});
