/**
 * A `fetch` that logs each request's method, path and status (or network failure) through `log`, for
 * `--debug`. Only the path is logged: queries, headers and bodies can hold passwords, tokens, captcha
 * tokens and codes, so they never reach the log.
 */
export function loggingFetch(log: (message: string) => void, inner: typeof fetch = fetch): typeof fetch {
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
 * The logging fetch under `--debug`, else undefined (the SDK's default fetch): for SDK options that
 * take `fetch?: typeof fetch | undefined`, or through `compact()` for those that do not.
 */
export function debugFetch(
  options: { readonly debug?: boolean | undefined },
  log: (message: string) => void,
): typeof fetch | undefined {
  return options.debug === true ? loggingFetch(log) : undefined;
}
