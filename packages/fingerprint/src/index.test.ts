import { describe, expect, it } from 'vitest';
import * as api from './index';

describe('@bimmer/fingerprint', () => {
  it('exports exactly these runtime names (a new export is a reviewed change to this list)', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "AUTH_DIRECTORY",
        "AUTH_FILES",
        "AnonymizationContext",
        "FINGERPRINT_BRANDS",
        "FINGERPRINT_PATHS",
        "PLACEHOLDERS",
        "REMOTE_SERVICES_DIRECTORY",
        "REMOTE_SERVICE_FILES",
        "anonymize",
        "chargingSettingsFileName",
        "createFingerprintRecorder",
        "emptyFingerprint",
        "fingerprintFileName",
        "imageFileName",
        "parseFingerprintFileName",
        "profileFileName",
        "readFingerprintDirectories",
        "readFingerprintDirectory",
        "stateFileName",
        "vehicleListFileName",
        "writeFingerprint",
      ]
    `);
  });
});
