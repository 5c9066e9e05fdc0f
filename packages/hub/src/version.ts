import packageJson from '../package.json' with { type: 'json' };

/** The version of @bimmer/hub: the Home Assistant `origin`, `/health` and the metrics carry it. */
export const HUB_VERSION: string = packageJson.version;
