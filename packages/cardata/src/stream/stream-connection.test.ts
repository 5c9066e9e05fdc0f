import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CarDataStreamConnection, type StreamStateChange } from './stream-connection';

const tokens = {
  async tokens() {
    return {
      accessToken: 'access',
      idToken: 'id-secret',
      gcid: 'gcid-1',
      expiresAt: Date.now() + 3_600_000,
      scope: '',
    };
  },
  async refresh() {
    return this.tokens();
  },
};

/** A port on 127.0.0.1 nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Connects once to `url`, waits for the failed attempt, and returns the warnings it gave. */
async function warningsOfOneFailedAttempt(url: string): Promise<string[]> {
  // A long backoff: the test sees exactly one attempt.
  const connection = new CarDataStreamConnection({ tokens, url, initialBackoffMs: 600_000 });
  const warnings: string[] = [];
  connection.on('warning', (text) => warnings.push(text));
  const states: StreamStateChange[] = [];
  connection.on('state', (change) => states.push(change));
  const failed = new Promise<StreamStateChange>((resolve) => {
    connection.on('state', (change) => {
      if (change.state === 'reconnecting') resolve(change);
    });
  });
  connection.start();
  const change = await failed;
  await connection.stop();
  expect(change.reason).toBe('the connection attempt failed');
  expect(states.map((state) => state.state)).toEqual(['connecting', 'reconnecting', 'closed']);
  return warnings;
}

describe('CarDataStreamConnection failed attempts', () => {
  it('reports each wait once, not again when the next attempt starts', async () => {
    const port = await closedPort();
    const connection = new CarDataStreamConnection({
      tokens,
      url: `mqtt://127.0.0.1:${port}`,
      initialBackoffMs: 1,
      maxBackoffMs: 1,
    });
    const states: StreamStateChange[] = [];
    const warnings: string[] = [];
    connection.on('warning', (text) => warnings.push(text));
    const thirdWait = new Promise<void>((resolve) => {
      connection.on('state', (change) => {
        states.push(change);
        if (states.filter((state) => state.retryInMs !== undefined).length === 3) resolve();
      });
    });
    connection.start();
    await thirdWait;
    await connection.stop();
    const waits = states.filter((state) => state.state === 'reconnecting');
    expect(waits).toHaveLength(3);
    for (const wait of waits) expect(wait.retryInMs).toBe(1);
    expect(warnings).toHaveLength(3);
  });

  for (const scheme of ['mqtts', 'mqtt'] as const) {
    it(`warns once per failed ${scheme}:// attempt, without the ID token`, async () => {
      const port = await closedPort();
      const warnings = await warningsOfOneFailedAttempt(`${scheme}://127.0.0.1:${port}`);
      expect(warnings).toEqual([`CarData stream: connect ECONNREFUSED 127.0.0.1:${port}`]);
      expect(warnings.join('\n')).not.toContain('id-secret');
    });
  }
});
