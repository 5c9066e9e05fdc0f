/** Where the hub's device-code login stands, as the page at `/` shows it. */
export interface LoginPrompt {
  /** What happens now, in words: requesting a code, waiting for the user, retrying. */
  readonly status: string;
  /** The code to enter on BMW's page, once BMW handed one out. */
  readonly userCode?: string | undefined;
  readonly verificationUri?: string | undefined;
  /** BMW's page with the code filled in, when BMW sends one. */
  readonly verificationUriComplete?: string | undefined;
  readonly expiresAt?: Date | undefined;
  /** Why the last attempt failed (the hub asks for a new code by itself). */
  readonly error?: string | undefined;
}
