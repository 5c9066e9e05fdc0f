import { describe, expect, it } from 'vitest';
import { useSimulator } from './helpers/simulator-setup';

const VIN = 'WBA00000BIMMER001';

/** Bad values, each a usage error found before anything is sent. */
const BAD_COMMANDS: ReadonlyArray<{ readonly args: readonly string[]; readonly says: RegExp }> = [
  {
    args: ['chargingsettings', VIN, '--target-soc', '83'],
    says: /--target-soc must be 20 to 100 in steps of 5/,
  },
  { args: ['chargingsettings', VIN, '--target-soc', '0'], says: /--target-soc must be 20 to 100/ },
  { args: ['chargingsettings', VIN, '--target-soc', '105'], says: /--target-soc must be 20 to 100/ },
  { args: ['chargingsettings', VIN, '--target-soc', '80.0001'], says: /--target-soc must be a whole number/ },
  { args: ['chargingsettings', VIN, '--ac-limit', '5'], says: /--ac-limit must be 6 to 63 ampere/ },
  { args: ['chargingsettings', VIN, '--ac-limit', '1e9'], says: /--ac-limit must be 6 to 63 ampere/ },
  { args: ['chargingsettings', VIN, '--ac-limit', 'sixteen'], says: /--ac-limit must be a number/ },
  { args: ['chargingprofile', VIN, '--charging-mode', 'NO_ACTION'], says: /--charging-mode must be one of/ },
  { args: ['chargingprofile', VIN, '--precondition-climate', 'maybe'], says: /must be true or false/ },
  { args: ['sendpoi', VIN, '91', '11.5'], says: /latitude must be between -90 and 90/ },
  { args: ['sendpoi', VIN, '48.1', '-180.5'], says: /longitude must be between -180 and 180/ },
  { args: ['sendpoi', VIN, '0x30', '11.5'], says: /latitude must be a number/ },
  { args: ['sendpoi', VIN, 'NaN', '11.5'], says: /latitude must be a number/ },
  { args: ['vehiclefinder', VIN, '48.1', 'east'], says: /longitude must be a number/ },
  { args: ['status', '48.1'], says: /both your latitude and longitude/ },
  { args: ['lightflash', 'WBA123'], says: /A VIN has 17 letters and digits/ },
  { args: ['lock', 'WBA00000-BIMMER01'], says: /A VIN has 17 letters and digits/ },
  { args: ['status', '--vin', 'not-a-vin'], says: /A VIN has 17 letters and digits/ },
  { args: ['image', 'WBA00000BIMMER0011'], says: /A VIN has 17 letters and digits/ },
  { args: ['image', VIN, '--view', 'roof'], says: /--view must be one of/ },
  { args: ['horn', VIN, '--timeout', '0'], says: /--timeout must be more than 0 seconds/ },
  { args: ['horn', VIN, '--timeout', '1e9'], says: /--timeout must be at most 86400 seconds/ },
  { args: ['horn', VIN, '--poll-interval', 'soon'], says: /--poll-interval must be a number/ },
  { args: ['charge', VIN, 'go'], says: /action must be one of start, stop/ },
  { args: ['status', '--transport', 'carrier-pigeon'], says: /--transport must be one of mybmw, cardata/ },
  { args: ['demo', '--latency', '-1'], says: /--latency must be 0 to 60000 ms/ },
  { args: ['--region', 'mars', 'status'], says: /Unknown region "mars"/ },
];

describe('every argument is checked before any request', () => {
  const harness = useSimulator();

  it('a bad value is a usage error (exit 2), and the simulator sees no request at all', async () => {
    harness.sim.clearRequests();
    // A few at a time: each is a whole process; any request from any of them would be in the log.
    const pending = [...BAD_COMMANDS];
    const worker = async () => {
      for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
        const { args, says } = next;
        const run = await harness.run(args);
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
        expect(run.stderr, args.join(' ')).toMatch(says);
        expect(run.stdout, args.join(' ')).toBe('');
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(harness.sim.requests()).toEqual([]);
  }, 120_000);

  it('good values pass: the same commands with valid values reach the vehicle', async () => {
    const run = await harness.run([
      'chargingsettings',
      VIN,
      '--target-soc',
      '85',
      '--ac-limit',
      '16',
      '--poll-interval',
      '0.02',
    ]);
    expect(run.code, run.stderr).toBe(0);
  });
});
