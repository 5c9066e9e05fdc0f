import type { ServerResponse } from 'node:http';

/**
 * The clients of `GET /api/events` (server-sent events): each gets every change, derived event,
 * connection and budget update as one `event:`/`data:` record, and a comment every 25 s so proxies
 * keep the connection open.
 */
export class EventStream {
  readonly #clients = new Set<ServerResponse>();
  #keepAlive: NodeJS.Timeout | undefined;

  /** Clients connected now. */
  get size(): number {
    return this.#clients.size;
  }

  /** Takes a response over as an event stream until the client goes away. */
  add(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write(': bimmer hub events\nretry: 2000\n\n');
    this.#clients.add(response);
    response.once('close', () => {
      this.#clients.delete(response);
      if (this.#clients.size === 0) this.#stopKeepAlive();
    });
    if (this.#keepAlive === undefined) {
      this.#keepAlive = setInterval(() => {
        for (const client of this.#clients) client.write(': keep-alive\n\n');
      }, 25_000);
      this.#keepAlive.unref();
    }
  }

  /** Sends one event to every client. */
  send(event: string, data: unknown): void {
    if (this.#clients.size === 0) return;
    const record = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.#clients) client.write(record);
  }

  /** Ends every stream (the hub stops). */
  close(): void {
    this.#stopKeepAlive();
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  #stopKeepAlive(): void {
    clearInterval(this.#keepAlive);
    this.#keepAlive = undefined;
  }
}
