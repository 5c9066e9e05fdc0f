/**
 * The fixed values anonymised data gets. Positions and address parts follow the reference, so
 * existing fingerprints and ours look alike; every string is lower case and starts with `some_`,
 * so a placeholder is easy to spot by eye and never mistaken for real data.
 */
export const PLACEHOLDERS = {
  latitude: 12.3456,
  longitude: 34.5678,
  heading: 123,
  /** A `lat,lon` pair inside text. */
  coordinatePair: '12.3456,34.5678',
  token: 'some_token',
  secret: 'some_secret',
  email: 'someone@example.com',
  phone: 'some_phone',
  name: 'some_name',
  licensePlate: 'some_license_plate',
  street: 'some_street',
  streetNumber: '999',
  city: 'some_city',
  postalCode: 'some_postal_code',
  address: 'some_formatted_address',
  subtitle: 'some_road • duration • -- EUR',
  dealer: 'some_dealer',
} as const;
