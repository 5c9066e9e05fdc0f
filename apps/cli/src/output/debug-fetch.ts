/**
 * A `fetch` that logs each request's method, path and status (or network failure) through `log`, for
 * `--debug`. Only the path is logged: queries, headers and bodies can hold passwords, tokens, captcha
 * tokens and codes, so they never reach the log.
 */
export function debugFetch(log: (message: string) => void, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const path = new URL(request?.url ?? String(input)).pathname;
    try {
      const response = await inner(input, init);
      log(`${method} ${path} ${response.status}`);
      return response;
    } catch (error) {
      log(`${method} ${path} failed (${error instanceof Error ? error.name : 'error'})`);
      throw error;
    }
  };
}

/**
 * `{ fetch }` with the logging fetch under `--debug`, else nothing (the SDK's default fetch): spread it
 * into SDK options.
 */
export function debugFetchOption(
  options: { readonly debug?: boolean | undefined },
  log: (message: string) => void,
): { fetch?: typeof fetch } {
  return options.debug === true ? { fetch: debugFetch(log) } : {};
}
