import type { CommandHandlers } from '../program';
import { demoCommand } from './demo';
import { doctorCommand } from './doctor';
import { fingerprintCommand } from './fingerprint';
import { imageCommand } from './image';
import { loginCommand } from './login';
import { quotaCommand } from './quota';
import {
  chargingProfileCommand,
  chargingSettingsCommand,
  remoteCommand,
  sendPoiCommand,
  sendPoiFromAddressCommand,
} from './remote-commands';
import { simulatorCommand } from './simulator';
import { statusCommand } from './status';
import { streamCommand } from './stream';

/** The real implementation of every command. */
export const commandHandlers: CommandHandlers = {
  status: statusCommand,
  fingerprint: fingerprintCommand,
  remote: remoteCommand,
  chargingSettings: chargingSettingsCommand,
  chargingProfile: chargingProfileCommand,
  sendPoi: sendPoiCommand,
  sendPoiFromAddress: sendPoiFromAddressCommand,
  image: imageCommand,
  simulator: simulatorCommand,
  demo: demoCommand,
  login: loginCommand,
  stream: streamCommand,
  quota: quotaCommand,
  doctor: doctorCommand,
};
