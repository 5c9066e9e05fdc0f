/** The subset of the global `fetch` the login uses; inject any Fetch-compatible function. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
