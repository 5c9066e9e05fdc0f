import { charge } from './charge';
import { chargingProfile } from './charging-profile';
import { chargingSettings } from './charging-settings';
import { climate } from './climate';
import type { AnyCommandDefinition } from './definition';
import { demo } from './demo';
import { doctor } from './doctor';
import { fingerprint } from './fingerprint';
import { horn } from './horn';
import { hub } from './hub';
import { image } from './image';
import { lightFlash } from './light-flash';
import { lock } from './lock';
import { login } from './login';
import { quota } from './quota';
import { sendPoi } from './send-poi';
import { sendPoiFromAddress } from './send-poi-from-address';
import { simulator } from './simulator';
import { status } from './status';
import { stream } from './stream';
import { unlock } from './unlock';
import { vehicleFinder } from './vehicle-finder';

/**
 * Every `bimmer` command, in the order `bimmer --help` lists them (grouped by their `group`). Adding
 * a command is its module in this folder and one line here.
 */
export const COMMANDS: readonly AnyCommandDefinition[] = [
  login,
  quota,
  doctor,
  status,
  fingerprint,
  stream,
  hub,
  image,
  lightFlash,
  horn,
  lock,
  unlock,
  vehicleFinder,
  climate,
  charge,
  chargingSettings,
  chargingProfile,
  sendPoi,
  sendPoiFromAddress,
  demo,
  simulator,
];
