import { compact } from '@bimmer/core/internal';
/** One value of a stream message, as BMW sends it. */
export interface StreamDataEntry {
  value: unknown;
  unit?: string;
  /** ISO 8601 time the car measured the value. */
  timestamp: string;
}

/** A CarData stream message (topic `<gcid>/<vin>`); partial, usually 1–5 descriptors. */
export interface StreamMessage {
  vin: string;
  /** The gcid (BMW calls it entityId). */
  entityId?: string;
  /** When BMW sent the message (ISO 8601). */
  timestamp?: string;
  data: Record<string, StreamDataEntry>;
}

/** The result of reading a message: the message, or why it was ignored. */
export type StreamMessageResult =
  | { ok: true; message: StreamMessage; skipped: string[] }
  | { ok: false; reason: string };

/**
 * Reads a raw stream payload. A payload that is not JSON, has no VIN or no data is rejected with a
 * reason; single entries without a valid timestamp are skipped (named in `skipped`), the rest kept.
 * `topicVin` (the topic's last level) wins over a missing `vin`.
 */
export function parseStreamMessage(payload: Uint8Array | string, topicVin?: string): StreamMessageResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'));
  } catch {
    return { ok: false, reason: 'the payload is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'the payload is not a JSON object' };
  }
  const record = parsed as Record<string, unknown>;
  const vin = typeof record.vin === 'string' && record.vin !== '' ? record.vin : topicVin;
  if (vin === undefined || vin === '') return { ok: false, reason: 'the message has no VIN' };
  if (typeof record.data !== 'object' || record.data === null || Array.isArray(record.data)) {
    return { ok: false, reason: 'the message has no data object' };
  }
  const data: Record<string, StreamDataEntry> = {};
  const skipped: string[] = [];
  for (const [key, entry] of Object.entries(record.data as Record<string, unknown>)) {
    const item = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : undefined;
    const timestamp = item?.timestamp;
    if (
      item === undefined ||
      !('value' in item) ||
      typeof timestamp !== 'string' ||
      Number.isNaN(Date.parse(timestamp))
    ) {
      skipped.push(key);
      continue;
    }
    data[key] = compact({
      value: item.value,
      timestamp,
      unit: typeof item.unit === 'string' ? item.unit : undefined,
    });
  }
  if (Object.keys(data).length === 0) return { ok: false, reason: 'the message has no usable data entry' };
  const message: StreamMessage = { vin, data };
  if (typeof record.entityId === 'string') message.entityId = record.entityId;
  if (typeof record.timestamp === 'string') message.timestamp = record.timestamp;
  return { ok: true, message, skipped };
}
