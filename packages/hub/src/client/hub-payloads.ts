import type { BimmerErrorCode, LiveBudget, LiveConnection, LiveConnectionState } from '@bimmer/core';
import { isJsonObject } from '@bimmer/core/internal';
import { LiveConnectionStateValues } from '../home-assistant/enum-options';

const STATES: ReadonlySet<string> = new Set(LiveConnectionStateValues);

function date(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A budget as the hub publishes it, read back; undefined when it is not one. */
export function readBudget(value: unknown): LiveBudget | undefined {
  if (!isJsonObject(value)) return undefined;
  const limit = count(value.limit);
  const used = count(value.used);
  const left = count(value.left);
  const reserve = count(value.reserve);
  const nextFreeAt = date(value.nextFreeAt);
  if (limit === undefined || used === undefined || left === undefined || nextFreeAt === undefined)
    return undefined;
  const nextRestReadAt = date(value.nextRestReadAt);
  const blockedUntil = date(value.blockedUntil);
  return {
    limit,
    used,
    left,
    reserve: reserve ?? 0,
    nextFreeAt,
    ...(nextRestReadAt === undefined ? {} : { nextRestReadAt }),
    ...(blockedUntil === undefined ? {} : { blockedUntil }),
    ...(typeof value.summary === 'string' ? { summary: value.summary } : {}),
  };
}

/** The hub's BMW stream connection as it publishes it, read back. */
export function readConnection(value: unknown): LiveConnection | undefined {
  if (!isJsonObject(value) || typeof value.state !== 'string' || !STATES.has(value.state)) return undefined;
  const since = date(value.since) ?? new Date();
  const retryAt = date(value.retryAt);
  return {
    state: value.state as LiveConnectionState,
    since,
    ...(typeof value.reason === 'string' ? { reason: value.reason } : {}),
    ...(retryAt === undefined ? {} : { retryAt }),
    ...(typeof value.code === 'string' ? { code: value.code as BimmerErrorCode } : {}),
  };
}
