import { describe, expect, it } from 'vitest';
import * as api from './index';

describe('@bimmer/simulator', () => {
  it('exports exactly these runtime names (a new export is a reviewed change to this list)', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "CAPTCHA_POLICIES",
        "DEFAULT_CAPTCHA_POLICY",
        "DEFAULT_CARDATA_VEHICLES",
        "DEFAULT_FINGERPRINTS",
        "DEFAULT_OAUTH_CLIENTS",
        "DEFAULT_SCENARIOS",
        "DEFAULT_TOKEN_LIFETIME_SECONDS",
        "DEMO_ACCOUNT",
        "FAULT_GRAMMAR",
        "KNOWN_PLACES",
        "MASK",
        "OCP_APIM_KEYS",
        "QUOTA_MESSAGE",
        "RATE_LIMIT_MESSAGE",
        "USAGE",
        "formatFaultSpec",
        "generateChinaLoginNonce",
        "parseArguments",
        "parseFaultSpec",
        "parseScenario",
        "readScenarioFile",
        "simulatorUsage",
        "startSimulator",
        "verifyChinaLoginNonce",
      ]
    `);
  });
});
