/**
 * The `exp` claim of a JWT as epoch milliseconds, read without verifying the signature (the China
 * login gives no other expiry). `undefined` when the token is not a JWT or has no numeric `exp`.
 */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims === 'object' && claims !== null && 'exp' in claims && typeof claims.exp === 'number') {
      return claims.exp * 1000;
    }
  } catch {
    // Not a JWT: the expiry stays unknown and a 401 will tell.
  }
  return undefined;
}
