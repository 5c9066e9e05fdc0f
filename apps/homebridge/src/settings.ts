/** The platform name users write in `config.json` (`"platform": "Bimmer"`); equals `pluginAlias`. */
export const PLATFORM_NAME = 'Bimmer';

/** The npm name Homebridge registers accessories under; it must match package.json. */
export const PLUGIN_NAME = '@bimmer/homebridge-bimmer';

/** The folder inside Homebridge's storage path where every file of the plugin lives. */
export const STORAGE_FOLDER = 'bimmer';
