import type { VehicleSettings } from '../config/platform-config';
import type { ServiceKind, TransportAbilities } from '../mapping/service-plan';

/**
 * Whether the configuration still wants a tile that exists on a cached accessory. A tile whose
 * data is missing for a while stays (it answers "no response" until data returns); a tile switched
 * off, or of another kind than the transport now uses (climate switch vs sensor), goes.
 */
export function isServiceWanted(
  subtype: string,
  kind: ServiceKind,
  settings: VehicleSettings,
  abilities: TransportAbilities,
): boolean {
  const on = settings.services;
  if (subtype.startsWith('door-')) return kind === 'contact' && on.doors && on.doorsPerDoor;
  switch (subtype) {
    case 'battery':
      return kind === 'battery' && on.battery;
    case 'state-of-charge':
      return kind === 'humidity' && on.stateOfChargeSensor;
    case 'lock':
      return kind === 'lock' && on.lock;
    case 'doors':
      return kind === 'contact' && on.doors && !on.doorsPerDoor;
    case 'windows':
      return kind === 'contact' && on.windows;
    case 'trunk':
      return kind === 'contact' && on.trunk;
    case 'hood':
      return kind === 'contact' && on.hood;
    case 'sunroof':
      return kind === 'contact' && on.sunroof;
    case 'plugged-in':
      return kind === 'occupancy' && on.pluggedIn;
    case 'charging':
      return kind === 'occupancy' && on.charging;
    case 'at-home':
      return kind === 'occupancy' && on.atHome && settings.home !== undefined;
    case 'in-use':
      return kind === 'motion' && on.inUse;
    case 'climate':
      return on.climate && kind === (abilities.canClimate ? 'switch' : 'occupancy');
    default:
      return false;
  }
}
