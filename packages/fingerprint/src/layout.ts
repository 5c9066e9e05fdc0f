/**
 * The naming of files in a fingerprint directory, the layout bimmer_connected's anonymiser produces
 * and its test suite reads: `<brand>-<url path segments joined by _>[_<bmw-vin header>].<ext>`,
 * e.g. `bmw-eadrax-vcs_v4_vehicles_state_WBA0FINGERPRINT01.json`. Login responses live in `auth/`,
 * remote-service responses in `remote_services/`; vehicles usually get one directory each, but the
 * reader looks at file names only, so any nesting works.
 */

/** The brands whose vehicle lists MyBMW serves, in the order clients ask for them. */
export const FINGERPRINT_BRANDS = ['bmw', 'mini', 'toyota'] as const;

/** A brand as it appears in a fingerprint file name prefix. */
export type FingerprintBrand = (typeof FINGERPRINT_BRANDS)[number];

/** The MyBMW API paths whose responses a fingerprint records, by kind. */
export const FINGERPRINT_PATHS = {
  vehicleList: '/eadrax-vcs/v5/vehicle-list',
  profile: '/eadrax-vcs/v5/vehicle-data/profile',
  state: '/eadrax-vcs/v4/vehicles/state',
  chargingSettings: '/eadrax-crccs/v2/vehicles',
  image: '/eadrax-ics/v5/presentation/vehicles/images',
} as const;

/** What a fingerprint file holds, judged from its name. */
export type FingerprintFileKind = keyof typeof FINGERPRINT_PATHS;

/** The sub-directory holding recorded login responses. */
export const AUTH_DIRECTORY = 'auth';

/** The sub-directory holding recorded remote-service responses. */
export const REMOTE_SERVICES_DIRECTORY = 'remote_services';

/** File names of the recorded login responses inside {@link AUTH_DIRECTORY}. */
export const AUTH_FILES = {
  oauthConfig: 'oauth_config.json',
  authorization: 'authorization_response.json',
  token: 'auth_token.json',
  wrongPassword: 'auth_error_wrong_password.json',
  internalError: 'auth_error_internal_error.txt',
  chinaPublicKey: 'auth_cn_publickey.json',
  chinaLogin: 'auth_cn_login_pwd.json',
  chinaLoginError: 'auth_cn_login_error.json',
  sliderCaptcha: 'auth_slider_captcha.json',
  sliderCaptchaCheck: 'auth_slider_captcha_check.json',
} as const;

/** File names of the recorded remote-service responses inside {@link REMOTE_SERVICES_DIRECTORY}. */
export const REMOTE_SERVICE_FILES = {
  initiated: 'eadrax_service_initiated.json',
  pending: 'eadrax_service_pending.json',
  delivered: 'eadrax_service_delivered.json',
  executed: 'eadrax_service_executed.json',
  error: 'eadrax_service_error.json',
  eventPosition: 'eadrax_service_eventposition.json',
} as const;

const EXTENSIONS: Record<string, string> = {
  'application/json': '.json',
  'text/plain': '.txt',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'text/html': '.html',
  'application/octet-stream': '.bin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.html': 'text/html; charset=utf-8',
  '.bin': 'application/octet-stream',
};

/**
 * The file extension (with its dot) for a response content type, e.g. `.json` for
 * `application/json; charset=utf-8`. Unknown or missing types give `.bin` (bimmer_connected writes
 * the literal `None` there, which no reader can map back).
 */
export function extensionForContentType(contentType: string | undefined): string {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return EXTENSIONS[mediaType] ?? '.bin';
}

/** The content type to serve a recorded file with, from its name; `application/octet-stream` when unknown. */
export function contentTypeForFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (
    (dot < 0 ? undefined : CONTENT_TYPES[fileName.slice(dot).toLowerCase()]) ?? 'application/octet-stream'
  );
}

/** What {@link fingerprintFileName} needs to name a recorded response. */
export interface FingerprintFileNameParts {
  /** The brand field of the request's `x-user-agent`; no prefix when empty or absent. */
  brand?: string | undefined;
  /** The request URL path, without query string, e.g. `/eadrax-vcs/v4/vehicles/state`. */
  path: string;
  /** The request's `bmw-vin` header, appended as a last segment. */
  vin?: string | undefined;
  /** The response content type; decides the extension. */
  contentType?: string | undefined;
}

/**
 * Names a recorded response like bimmer_connected does: `<brand>-` + the path segments joined by `_`
 * (+ `_<vin>`) + the extension. Anonymising VINs inside the name is the writer's job.
 */
export function fingerprintFileName(parts: FingerprintFileNameParts): string {
  const segments =
    parts.path
      .split('?')[0]
      ?.split('/')
      .filter((segment) => segment !== '') ?? [];
  if (parts.vin) segments.push(parts.vin);
  const prefix = parts.brand ? `${parts.brand}-` : '';
  return `${prefix}${segments.join('_')}${extensionForContentType(parts.contentType)}`;
}

/** The vehicle-list file of one brand, e.g. `bmw-eadrax-vcs_v5_vehicle-list.json`. */
export function vehicleListFileName(brand: string): string {
  return fingerprintFileName({ brand, path: FINGERPRINT_PATHS.vehicleList, contentType: 'application/json' });
}

/** The profile file of one vehicle. */
export function profileFileName(brand: string, vin: string): string {
  return fingerprintFileName({
    brand,
    path: FINGERPRINT_PATHS.profile,
    vin,
    contentType: 'application/json',
  });
}

/** The state file of one vehicle; pass `text/plain` for a recorded error text. */
export function stateFileName(brand: string, vin: string, contentType = 'application/json'): string {
  return fingerprintFileName({ brand, path: FINGERPRINT_PATHS.state, vin, contentType });
}

/** The charging-settings (crccs) file of one vehicle. */
export function chargingSettingsFileName(brand: string, vin: string): string {
  return fingerprintFileName({
    brand,
    path: FINGERPRINT_PATHS.chargingSettings,
    vin,
    contentType: 'application/json',
  });
}

/** The vehicle image file of one vehicle. */
export function imageFileName(brand: string, vin: string): string {
  return fingerprintFileName({ brand, path: FINGERPRINT_PATHS.image, vin, contentType: 'image/png' });
}

/** A vehicle file name taken apart by {@link parseFingerprintFileName}. */
export interface ParsedFingerprintFileName {
  kind: FingerprintFileKind;
  /** The lower-case brand prefix; empty when the file has none. */
  brand: string;
  /** The VIN suffix (absent for vehicle lists). */
  vin?: string;
  /** The extension with its dot, e.g. `.json`. */
  extension: string;
}

const STEMS: ReadonlyArray<[FingerprintFileKind, string, boolean]> = [
  ['vehicleList', 'eadrax-vcs_v5_vehicle-list', false],
  ['profile', 'eadrax-vcs_v5_vehicle-data_profile', true],
  ['state', 'eadrax-vcs_v4_vehicles_state', true],
  ['chargingSettings', 'eadrax-crccs_v2_vehicles', true],
  ['image', 'eadrax-ics_v5_presentation_vehicles_images', true],
];

const VIN_SUFFIX = /^[A-Za-z0-9]{1,32}$/;

/**
 * Recognises the vehicle files of a fingerprint (list, profile, state, charging settings, image) by
 * name; returns undefined for anything else (auth files, READMEs, other endpoints).
 */
export function parseFingerprintFileName(fileName: string): ParsedFingerprintFileName | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = fileName.slice(dot);
  const base = fileName.slice(0, dot);
  for (const [kind, stem, withVin] of STEMS) {
    const at = base.indexOf(stem);
    if (at < 0) continue;
    const prefix = base.slice(0, at);
    if (prefix !== '' && !/^[a-z]+-$/i.test(prefix)) continue;
    const rest = base.slice(at + stem.length);
    const brand = prefix.slice(0, -1).toLowerCase();
    if (!withVin) {
      if (rest !== '') continue;
      return { kind, brand, extension };
    }
    const vin = rest.startsWith('_') ? rest.slice(1) : '';
    if (!VIN_SUFFIX.test(vin)) continue;
    return { kind, brand, vin, extension };
  }
  return undefined;
}
