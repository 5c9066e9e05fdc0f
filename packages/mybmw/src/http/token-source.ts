/**
 * What the HTTP client needs from an authenticator. `MyBMWAuthenticator` from @bimmer/auth fits this
 * shape; tests pass a small fake.
 */
export interface MyBMWTokenSource {
  /** A valid access token, logging in first when there is none. */
  getAccessToken(): Promise<string>;
  /**
   * Called once when the server answered 401 to `rejectedToken`: refresh (or log in again) so the next
   * `getAccessToken()` returns a different token. Concurrent calls for the same token share one refresh.
   */
  onUnauthorized(rejectedToken: string): Promise<unknown>;
  /** The `bmw-session-id` sent with every request. */
  readonly sessionId: string;
  /** The account's gcid (needed for send-to-car), once known. */
  readonly gcid: string | undefined;
}
