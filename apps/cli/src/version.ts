import packageJson from '../package.json' with { type: 'json' };

/** The version of @bimmer/cli, as `bimmer --version` prints it. */
export const CLI_VERSION: string = packageJson.version;
