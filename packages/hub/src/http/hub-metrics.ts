import type { LiveBudget, LiveConnectionState } from '@bimmer/core';
import { HUB_VERSION } from '../version';

/** What `/metrics` reads at the moment it is asked, besides the counters. */
export interface MetricsSnapshot {
  readonly uptimeSeconds: number;
  readonly vehicles: number;
  readonly stream: LiveConnectionState | undefined;
  readonly brokerConnected: boolean;
  readonly budget: LiveBudget | undefined;
  readonly sseClients: number;
  readonly mqtt: { readonly published: number; readonly dropped: number; readonly reconnects: number };
}

/** The hub's counters, counted where things happen and rendered by {@link renderMetrics}. */
export class HubMetrics {
  /** BMW stream messages received (raw, before they are read). */
  streamMessages = 0;
  /** `change` events of the live account, by channel. */
  readonly changes = new Map<string, number>();
  /** Derived vehicle events, by type. */
  readonly events = new Map<string, number>();
  /** How often the BMW stream dropped or was kicked (entered `reconnecting` or `kicked`). */
  streamReconnects = 0;
  /** `<VIN>/state` messages published. */
  statePublishes = 0;
  /** `POST …/refresh` answers by outcome (`ok`, `refused`, `failed`). */
  readonly refreshes = new Map<string, number>();

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/**
 * The metrics in Prometheus' text format (version 0.0.4): messages, changes, events, reconnects
 * of the BMW stream and of the broker, REST calls used and left, and what the hub publishes. No
 * VIN or other personal value is a label.
 */
export function renderMetrics(metrics: HubMetrics, now: MetricsSnapshot): string {
  const lines: string[] = [];
  const metric = (
    name: string,
    type: 'counter' | 'gauge',
    help: string,
    values: readonly (readonly [Record<string, string>, number])[],
  ) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of values) {
      const text = Object.entries(labels)
        .map(([key, label]) => `${key}="${escapeLabel(label)}"`)
        .join(',');
      lines.push(`${name}${text === '' ? '' : `{${text}}`} ${value}`);
    }
  };
  const byLabel = (label: string, map: Map<string, number>) =>
    [...map].sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => [{ [label]: key }, value] as const);

  metric('bimmer_hub_info', 'gauge', 'The hub version.', [[{ version: HUB_VERSION }, 1]]);
  metric('bimmer_hub_uptime_seconds', 'gauge', 'Seconds since the hub started.', [[{}, now.uptimeSeconds]]);
  metric('bimmer_hub_vehicles', 'gauge', 'Vehicles the hub knows.', [[{}, now.vehicles]]);
  metric('bimmer_hub_stream_messages_total', 'counter', 'BMW stream messages received.', [
    [{}, metrics.streamMessages],
  ]);
  metric(
    'bimmer_hub_changes_total',
    'counter',
    'Vehicle changes, by the channel they came by.',
    byLabel('channel', metrics.changes),
  );
  metric(
    'bimmer_hub_events_total',
    'counter',
    'Derived vehicle events, by type.',
    byLabel('type', metrics.events),
  );
  metric('bimmer_hub_stream_reconnects_total', 'counter', 'Times the BMW stream dropped or was kicked.', [
    [{}, metrics.streamReconnects],
  ]);
  metric('bimmer_hub_stream_connected', 'gauge', '1 while the BMW stream is connected.', [
    [{ state: now.stream ?? 'none' }, now.stream === 'connected' ? 1 : 0],
  ]);
  if (now.budget !== undefined) {
    metric(
      'bimmer_hub_rest_calls_used',
      'gauge',
      'REST calls spent in the current quota window (all programs sharing the ledger).',
      [[{}, now.budget.used]],
    );
    metric('bimmer_hub_rest_calls_left', 'gauge', 'REST calls left in the current quota window.', [
      [{}, now.budget.left],
    ]);
    metric('bimmer_hub_rest_calls_limit', 'gauge', 'REST calls per quota window.', [[{}, now.budget.limit]]);
  }
  metric(
    'bimmer_hub_refresh_requests_total',
    'counter',
    'POST refresh requests, by outcome.',
    byLabel('outcome', metrics.refreshes),
  );
  metric('bimmer_hub_mqtt_connected', 'gauge', '1 while the hub is connected to its MQTT broker.', [
    [{}, now.brokerConnected ? 1 : 0],
  ]);
  metric(
    'bimmer_hub_mqtt_published_total',
    'counter',
    'MQTT messages published (retained topics republished after a reconnect included).',
    [[{}, now.mqtt.published]],
  );
  metric(
    'bimmer_hub_mqtt_dropped_total',
    'counter',
    'Events and raw messages not published because the broker was unreachable.',
    [[{}, now.mqtt.dropped]],
  );
  metric('bimmer_hub_mqtt_reconnects_total', 'counter', 'Reconnections to the MQTT broker.', [
    [{}, now.mqtt.reconnects],
  ]);
  metric('bimmer_hub_state_publishes_total', 'counter', 'Vehicle state messages published (coalesced).', [
    [{}, metrics.statePublishes],
  ]);
  metric('bimmer_hub_sse_clients', 'gauge', 'Clients of /api/events.', [[{}, now.sseClients]]);
  return `${lines.join('\n')}\n`;
}
