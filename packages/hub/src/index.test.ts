import { describe, expect, it } from 'vitest';
import * as entry from './index';

describe('@bimmer/hub exports', () => {
  it('exports exactly these runtime names (a new export is a reviewed change)', () => {
    expect(Object.keys(entry).sort()).toMatchInlineSnapshot(`
      [
        "HUB_DEFAULTS",
        "HUB_VERSION",
        "HubLiveAccount",
        "HubTopics",
        "discoveryDeviceId",
        "hubStartupLines",
        "isLoopbackHost",
        "openDemoLiveAccount",
        "openHubAccount",
        "startHub",
        "stderrLogger",
      ]
    `);
  });
});
