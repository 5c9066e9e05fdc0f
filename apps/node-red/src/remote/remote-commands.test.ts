import { describe, expect, it } from 'vitest';
import { parseRemoteCommand } from './remote-commands';

describe('remote commands', () => {
  it('takes the command from the payload, a plain string, or the node', () => {
    expect(parseRemoteCommand({ command: 'lock' }, { command: 'lights' })).toEqual({ command: 'lock' });
    expect(parseRemoteCommand('horn', { command: 'lights' })).toEqual({ command: 'horn' });
    expect(parseRemoteCommand('anything', { command: 'lights' })).toEqual({ command: 'lights' });
    expect(
      parseRemoteCommand(undefined, { command: 'charging-settings', targetSoc: '80', acLimit: '' }),
    ).toEqual({
      command: 'charging-settings',
      targetSoc: 80,
      acLimit: undefined,
    });
    expect(
      parseRemoteCommand({ command: 'send-poi', lat: 48.1, lon: 11.5, name: 'Olympiapark' }, {}),
    ).toEqual({
      command: 'send-poi',
      lat: 48.1,
      lon: 11.5,
      name: 'Olympiapark',
    });
  });

  it.each([
    [{ command: 'self-destruct' }, 'command'],
    [{ command: 'charging-settings' }, 'targetSoc'],
    [{ command: 'charging-settings', targetSoc: 'full' }, 'targetSoc'],
    [{ command: 'send-poi', lat: 1 }, 'lat'],
  ])('refuses %j before anything is sent', (payload, path) => {
    expect(() => parseRemoteCommand(payload, {})).toThrow(
      expect.objectContaining({ code: 'validation', paths: expect.arrayContaining([path]) }),
    );
  });
});
