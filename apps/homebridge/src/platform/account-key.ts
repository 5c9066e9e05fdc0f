import type { PlatformSettings } from '../config/platform-config';

/**
 * What identifies "the same account" for the duplicate check: the CarData token file (one login,
 * one stream), the MyBMW user and region, the hub's URL, or the demo.
 */
export function accountKey(settings: PlatformSettings): string {
  switch (settings.transport) {
    case 'cardata':
      return `cardata:${settings.tokenFile}`;
    case 'mybmw':
      return `mybmw:${settings.region ?? 'rest_of_world'}:${settings.username?.toLowerCase() ?? ''}`;
    case 'hub':
      return `hub:${settings.hubUrl ?? ''}`;
    case 'demo':
      return 'demo';
  }
}
