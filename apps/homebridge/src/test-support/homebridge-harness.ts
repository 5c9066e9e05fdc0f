import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { API, Logging, PlatformAccessory } from 'homebridge';

/** One line the plugin logged. */
export interface LoggedLine {
  readonly level: 'info' | 'warn' | 'error' | 'debug' | 'success';
  readonly text: string;
}

/** A Homebridge `Logging` that records every line, debug included. */
export function recordingLog(lines: LoggedLine[]): Logging {
  const record =
    (level: LoggedLine['level']) =>
    (message: string, ...parameters: unknown[]) => {
      lines.push({ level, text: [message, ...parameters.map(String)].join(' ') });
    };
  const log = Object.assign(record('info'), {
    prefix: 'Bimmer',
    info: record('info'),
    success: record('success'),
    warn: record('warn'),
    error: record('error'),
    debug: record('debug'),
    log: (level: LoggedLine['level'], message: string) => record(level)(message),
  });
  return log as unknown as Logging;
}

interface HomebridgeInternals {
  HomebridgeAPI: new () => API & NodeJS.EventEmitter;
  User: { setStoragePath(path: string): void };
  PlatformAccessory: {
    serialize(accessory: PlatformAccessory): unknown;
    deserialize(json: unknown): PlatformAccessory;
  };
}

/**
 * Homebridge 2.1.0's own API, user and accessory classes, loaded from the installed package by file
 * (its exports map offers only types): the platform runs against the real HAP objects.
 */
export async function loadHomebridge(storagePath: string): Promise<HomebridgeInternals> {
  const dist = dirname(createRequire(import.meta.url).resolve('homebridge'));
  const load = (file: string) => import(pathToFileURL(join(dist, file)).href);
  const [{ HomebridgeAPI }, { User }, { PlatformAccessory }] = await Promise.all([
    load('api.js'),
    load('user.js'),
    load('platformAccessory.js'),
  ]);
  User.setStoragePath(storagePath);
  return { HomebridgeAPI, User, PlatformAccessory };
}

/** Waits until `check` returns a value (polling), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
