import { BimmerQuotaError } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { ExitCode } from './exit-codes';
import { runCli } from './run-cli';
import { memoryIo, type RecordedRun, recordingCommands } from './test-support';

describe('runCli', () => {
  it('dispatches commands with their positionals, options and the global options before or after', async () => {
    const calls: RecordedRun[] = [];
    const { io } = memoryIo({ env: { BIMMER_BASE_URL: 'http://127.0.0.1:1' } });
    const code = await runCli(
      [
        '--username',
        'me@example.com',
        'charge',
        'U',
        'P',
        'row',
        'VIN',
        'start',
        '--region',
        'na',
        '--no-token-store',
      ],
      io,
      recordingCommands(calls),
    );
    expect(code).toBe(0);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.name).toBe('charge');
    expect(call?.positionals).toEqual(['U', 'P', 'row', 'VIN', 'start']);
    expect(call?.options).toMatchObject({ pollInterval: '3.5', timeout: '240' });
    expect(call?.context.options).toMatchObject({
      username: 'me@example.com',
      region: 'na',
      tokenStore: false,
      baseUrl: 'http://127.0.0.1:1',
      color: true,
    });
  });

  it('passes simulator flags through untouched', async () => {
    const calls: RecordedRun[] = [];
    await runCli(
      ['simulator', '--port', '0', '--fault', '429*2', '--help'],
      memoryIo().io,
      recordingCommands(calls),
    );
    expect(calls[0]?.positionals).toEqual(['--port', '0', '--fault', '429*2', '--help']);
  });

  it('collects the variadic address of sendpoi_from_address', async () => {
    const calls: RecordedRun[] = [];
    await runCli(
      ['sendpoi_from_address', 'VIN', '-a', 'Petuelring', '130', 'München'],
      memoryIo().io,
      recordingCommands(calls),
    );
    expect(calls[0]?.options).toMatchObject({ address: ['Petuelring', '130', 'München'] });
  });

  it('prints typed errors with their hint and maps them to exit codes', async () => {
    const { io, stderr, stdout } = memoryIo();
    const handlers = recordingCommands([], async () => {
      throw new BimmerQuotaError('Too many requests.', { hint: 'Wait a minute.' });
    });
    expect(await runCli(['status'], io, handlers)).toBe(ExitCode.quota);
    expect(stderr.text).toBe('error: Too many requests.\nhint: Wait a minute.\n');
    expect(stdout.text).toBe('');
  });

  it('returns 2 for parse errors and 0 for help', async () => {
    const parse = memoryIo();
    expect(await runCli(['status', '--nope'], parse.io, recordingCommands([]))).toBe(ExitCode.usage);
    expect(parse.stderr.text).toContain("unknown option '--nope'");
    const help = memoryIo();
    expect(await runCli(['help', 'status'], help.io, recordingCommands([]))).toBe(ExitCode.ok);
    expect(help.stdout.text).toContain('Usage: bimmer status');
  });

  it('rejects a base URL that is not http(s) before running anything', async () => {
    const calls: RecordedRun[] = [];
    const { io, stderr } = memoryIo();
    expect(await runCli(['--base-url', 'localhost:8080', 'status'], io, recordingCommands(calls))).toBe(
      ExitCode.usage,
    );
    expect(calls).toEqual([]);
    expect(stderr.text).toContain('--base-url must be a http: or https: URL');
  });

  it('accepts negative coordinates as positionals', async () => {
    const calls: RecordedRun[] = [];
    expect(
      await runCli(['sendpoi', 'VIN', '-33.86', '-151.2'], memoryIo().io, recordingCommands(calls)),
    ).toBe(0);
    expect(calls[0]?.positionals).toEqual(['VIN', '-33.86', '-151.2']);
  });
});
