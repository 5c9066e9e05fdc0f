/** The tokens the CarData clients need; @bimmer/auth's `CarDataSession` is one. */
export interface CarDataTokenSource {
  /** Tokens valid for a while yet (refreshing ahead of expiry). */
  tokens(): Promise<{ accessToken: string; idToken: string; gcid: string; expiresAt: number; scope: string }>;
  /** Forces a refresh after BMW rejected a token. */
  refresh(): Promise<{
    accessToken: string;
    idToken: string;
    gcid: string;
    expiresAt: number;
    scope: string;
  }>;
}
