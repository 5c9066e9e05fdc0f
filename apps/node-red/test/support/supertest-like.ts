/** The part of supertest (what `helper.request()` returns) the tests use. */
export interface SupertestLike {
  get(path: string): SupertestRequest;
  post(path: string): SupertestRequest;
  delete(path: string): SupertestRequest;
}

/** A supertest request: awaitable, with a JSON body to send. */
export interface SupertestRequest extends PromiseLike<{ status: number; body: unknown; text: string }> {
  send(body: unknown): SupertestRequest;
  set(header: string, value: string): SupertestRequest;
}
