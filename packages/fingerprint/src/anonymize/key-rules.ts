import type { AnonymizationContext } from './context';
import { PLACEHOLDERS } from './placeholders';

/**
 * How the value of a sensitive key is replaced. Strings and numbers keep their type, so parsers
 * still accept anonymised data; booleans and null are not identifying and stay. Objects and arrays
 * under such a key are walked, and their leaves without a rule of their own get this rule too
 * (a `dealer` block loses every string, a `name` object every part).
 */
export interface KeyRule {
  /** The replacement of a string value. */
  readonly string: (value: string, context: AnonymizationContext) => string;
  /** The replacement of a number value; absent when numbers under this key are not identifying. */
  readonly number?: (value: number) => number;
}

const fixed =
  (text: string): KeyRule['string'] =>
  () =>
    text;
const fixedNumber =
  (value: number): NonNullable<KeyRule['number']> =>
  () =>
    value;

const LATITUDE: KeyRule = {
  string: fixed(String(PLACEHOLDERS.latitude)),
  number: fixedNumber(PLACEHOLDERS.latitude),
};
const LONGITUDE: KeyRule = {
  string: fixed(String(PLACEHOLDERS.longitude)),
  number: fixedNumber(PLACEHOLDERS.longitude),
};
const HEADING: KeyRule = {
  string: fixed(String(PLACEHOLDERS.heading)),
  number: fixedNumber(PLACEHOLDERS.heading),
};
const VIN: KeyRule = { string: (value, context) => context.vin(value) };
const ACCOUNT_ID: KeyRule = { string: (value, context) => context.id(value), number: fixedNumber(0) };
const TOKEN: KeyRule = { string: fixed(PLACEHOLDERS.token) };
const SECRET: KeyRule = { string: fixed(PLACEHOLDERS.secret) };
const EMAIL: KeyRule = { string: fixed(PLACEHOLDERS.email) };
const PHONE: KeyRule = { string: fixed(PLACEHOLDERS.phone), number: fixedNumber(0) };
const NAME: KeyRule = { string: fixed(PLACEHOLDERS.name) };
const PLATE: KeyRule = { string: fixed(PLACEHOLDERS.licensePlate) };
const STREET: KeyRule = { string: fixed(PLACEHOLDERS.street) };
const STREET_NUMBER: KeyRule = { string: fixed(PLACEHOLDERS.streetNumber), number: fixedNumber(999) };
const CITY: KeyRule = { string: fixed(PLACEHOLDERS.city) };
const POSTAL_CODE: KeyRule = { string: fixed(PLACEHOLDERS.postalCode), number: fixedNumber(0) };
const ADDRESS: KeyRule = { string: fixed(PLACEHOLDERS.address) };
const SUBTITLE: KeyRule = { string: fixed(PLACEHOLDERS.subtitle) };
const DEALER: KeyRule = { string: fixed(PLACEHOLDERS.dealer) };

/** Keys by their normalised form (see `normaliseKey`). */
const RULES: ReadonlyMap<string, KeyRule> = new Map<string, KeyRule>([
  ...entries(['lat', 'latitude'], LATITUDE),
  ...entries(['lon', 'lng', 'long', 'longitude'], LONGITUDE),
  ...entries(['heading'], HEADING),
  ...entries(['vin', 'bmwvin'], VIN),
  ...entries(
    ['gcid', 'usid', 'cid', 'userid', 'customerid', 'accountid', 'sessionid', 'bmwsessionid'],
    ACCOUNT_ID,
  ),
  ...entries(
    ['password', 'passwd', 'pwd', 'secret', 'clientsecret', 'codeverifier', 'authorization'],
    SECRET,
  ),
  ...entries(['authorizationcode', 'captcha', 'hcaptcha'], TOKEN),
  ...entries(['email', 'emailaddress', 'mail', 'username', 'login'], EMAIL),
  ...entries(
    ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'cellphone', 'fax'],
    PHONE,
  ),
  ...entries(
    [
      'name',
      'firstname',
      'lastname',
      'middlename',
      'givenname',
      'familyname',
      'surname',
      'fullname',
      'displayname',
      'nickname',
      'ownername',
      'drivername',
      'contactname',
    ],
    NAME,
  ),
  ...entries(
    ['licenseplate', 'licenceplate', 'plate', 'numberplate', 'licenseplatenumber', 'registrationnumber'],
    PLATE,
  ),
  ...entries(['street', 'streetname', 'streetaddress'], STREET),
  ...entries(['streetnumber', 'housenumber'], STREET_NUMBER),
  ...entries(['city', 'town'], CITY),
  ...entries(['postalcode', 'postcode', 'zip', 'zipcode'], POSTAL_CODE),
  ...entries(
    ['formatted', 'formattedaddress', 'address', 'addressline', 'addressline1', 'addressline2'],
    ADDRESS,
  ),
  ...entries(['subtitle'], SUBTITLE),
]);

function entries(keys: readonly string[], rule: KeyRule): [string, KeyRule][] {
  return keys.map((key) => [key, rule]);
}

/** `access_token`, `accessToken` and `Access-Token` are the same key to the rules. */
function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

/** The rule for the value under `key`, or undefined when the key is not sensitive. */
export function ruleForKey(key: string): KeyRule | undefined {
  const normalised = normaliseKey(key);
  // Plurals hold lists of the same thing: `vins`, `emails`, `names`, `addresses`.
  const exact =
    RULES.get(normalised) ??
    (normalised.endsWith('s') ? RULES.get(normalised.slice(0, -1)) : undefined) ??
    (normalised.endsWith('es') ? RULES.get(normalised.slice(0, -2)) : undefined);
  if (exact !== undefined) return exact;
  // Families whose members are too many to list: every token and every dealer field.
  if (normalised.endsWith('token')) return TOKEN;
  if (normalised.includes('dealer')) return DEALER;
  return undefined;
}
