import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore, isCarDataTokens, type TokenStore } from '@bimmer/auth';
import { carDataStatePathFor, openCarDataLiveAccount } from '@bimmer/cardata';
import { BimmerAuthError, type LiveAccount, type LiveConnection, type VehicleEvent } from '@bimmer/core';
import { formatInstant } from '@bimmer/core/internal';
import { openDemoLiveAccount } from './demo-account';
import { budgetJSON, connectionJSON } from './http/budget-json';
import { EventStream } from './http/event-stream';
import { type HubHttpServer, startHubHttpServer } from './http/hub-http-server';
import { HubMetrics } from './http/hub-metrics';
import { type HubLogger, stderrLogger } from './hub-logger';
import { type HubOptions, type ResolvedHubOptions, resolveHubOptions } from './hub-options';
import { DeviceLogin } from './login/device-login';
import { type EmbeddedBroker, startEmbeddedBroker } from './mqtt/embedded-broker';
import { HubTopics } from './mqtt/hub-topics';
import { MqttOutlet } from './mqtt/mqtt-outlet';
import { VehiclePublisher } from './mqtt/vehicle-publisher';

/** A running hub. */
export interface Hub {
  /** The HTTP API and page, `http://<host>:<port>`. */
  readonly httpUrl: string;
  /** The broker the hub publishes into, without user name or password. */
  readonly mqttUrl: string;
  /** `embedded`: the hub's own broker listens at `mqttUrl`; `external`: the hub publishes into it. */
  readonly broker: 'embedded' | 'external';
  /** The live account behind the hub; undefined while the device-code login waits. */
  readonly account: LiveAccount | undefined;
  /** Resolves once the account runs (at once with a stored login; after BMW confirms a new one). */
  readonly ready: Promise<void>;
  /**
   * Publishes `offline`, stops the account (which persists its state), closes the broker
   * connection, the embedded broker and the HTTP API. Finishes within 5 s; idempotent.
   */
  stop(): Promise<void>;
}

/** A source of BMW's raw stream messages (the CarData live account has one). */
interface RawMessageSource {
  onRawMessage(listener: (message: { vin: string; payload: Uint8Array }) => void): () => void;
}

function hasRawMessages(account: LiveAccount): account is LiveAccount & RawMessageSource {
  return typeof (account as Partial<RawMessageSource>).onRawMessage === 'function';
}

/** The lines `bimmer hub` prints on stdout, in this order, once the hub runs. */
export function hubStartupLines(hub: Pick<Hub, 'httpUrl' | 'mqttUrl' | 'broker'>): readonly [string, string] {
  return [
    `hub http on ${hub.httpUrl}`,
    hub.broker === 'embedded' ? `hub mqtt on ${hub.mqttUrl}` : `hub publishing to ${hub.mqttUrl}`,
  ];
}

const STOP_BUDGET_MS = 4_500;
const DAY_SECONDS = 86_400;

async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function eventJSON(event: VehicleEvent) {
  return { type: event.type, vin: event.vin, at: formatInstant(event.at), detail: event.detail };
}

/**
 * Starts `bimmer hub`: one BMW session and one REST budget for every program in the house. It opens
 * the live account (CarData from the stored login by default; the demo; or any live account given),
 * publishes every vehicle's retained topics at once from the persisted state (no REST call), then
 * keeps them current from the stream: `<prefix>/status`, `<prefix>/<VIN>/state`, one topic per field,
 * `<prefix>/<VIN>/event`, `<prefix>/budget`, `<prefix>/connection`, `<prefix>/raw/<VIN>` and Home
 * Assistant discovery, into its embedded broker or the one at `mqttUrl`; and serves the HTTP API on
 * the same host. Without a stored login it serves the device-code page at `/` (and logs the code)
 * and starts as soon as BMW confirms. Resolves once it listens; `ready` tells when the account runs.
 * SIGINT/SIGTERM belong to the program that runs it: call `stop()`.
 *
 * Throws a `BimmerValidationError` for bad options (a hub reachable from the network without
 * credentials among them) and a `BimmerAuthError` without a stored login and without a client ID.
 */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const resolved = resolveHubOptions(options);
  const log = options.log ?? stderrLogger;
  const now = options.now ?? Date.now;
  const topics = new HubTopics(resolved.prefix, resolved.discoveryPrefix);
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    return await launch(options, resolved, log, now, topics, cleanups);
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    throw error;
  }
}

async function launch(
  options: HubOptions,
  resolved: ResolvedHubOptions,
  log: HubLogger,
  now: () => number,
  topics: HubTopics,
  cleanups: (() => Promise<unknown>)[],
): Promise<Hub> {
  const startedAt = now();
  const source = resolved.source;

  // 1. The account, when it can be had without waiting for a person.
  let account: LiveAccount | undefined;
  let tokenStore: TokenStore | undefined;
  let statePath: string | undefined;
  if (source.kind === 'account') {
    account = source.account;
  } else if (source.kind === 'demo') {
    const stateDir = source.stateDir ?? (await mkdtemp(join(tmpdir(), 'bimmer-hub-demo-')));
    if (source.stateDir === undefined) cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
    log.info('Demo: starting the simulator with our fleet and logging in to its CarData…');
    const demo = await openDemoLiveAccount({
      stateDir,
      account: {
        events: options.events,
        staleAfterMs: resolved.staleAfterMs,
        budget: options.budget,
        stream: options.stream,
      },
    });
    cleanups.push(() => demo.stop());
    account = demo.account;
  } else {
    tokenStore = source.tokenStore ?? new FileTokenStore(source.tokenFile ?? '');
    statePath = source.statePath ?? carDataStatePathFor(source.tokenFile ?? '');
    const stored = await tokenStore.load();
    if (isCarDataTokens(stored)) {
      account = await openCarDataAccountFor(options, resolved, tokenStore, statePath);
    } else if (source.clientId === undefined) {
      throw new BimmerAuthError('No CarData login is stored, and the hub has no client ID to start one.', {
        hint: 'Give the hub the CarData client ID from the MyBMW portal: it then shows the device code and starts once you confirm.',
        action: 'cardata-login',
      });
    }
  }

  // 2. The broker and the hub's connection to it.
  const publisherClientId = `bimmer-hub-${randomBytes(6).toString('hex')}`;
  let embedded: EmbeddedBroker | undefined;
  let brokerUrl: string;
  let publicUrl: string;
  if (resolved.broker.kind === 'embedded') {
    embedded = await startEmbeddedBroker({
      host: resolved.host,
      port: resolved.broker.port,
      username: resolved.broker.username,
      password: resolved.broker.password,
      publisherClientId,
      protectedPrefix: topics.prefix,
    });
    const running = embedded;
    cleanups.push(() => running.stop());
    brokerUrl = embedded.url;
    publicUrl = embedded.url;
  } else {
    brokerUrl = resolved.broker.url;
    publicUrl = resolved.broker.publicUrl;
  }
  const metrics = new HubMetrics();
  const events = new EventStream();
  let publisher: VehiclePublisher | undefined;
  const outlet = new MqttOutlet({
    url: brokerUrl,
    clientId: publisherClientId,
    username: resolved.broker.username,
    password: resolved.broker.password,
    will: { topic: topics.status, payload: 'offline' },
    subscriptions: resolved.discovery ? [topics.homeAssistantStatus] : [],
    reconnectPeriodMs: resolved.broker.kind === 'embedded' ? 500 : resolved.reconnectPeriodMs,
    mqttOptions: resolved.broker.kind === 'external' ? options.mqttOptions : undefined,
    log,
    onMessage: (topic, payload) => {
      if (topic === topics.homeAssistantStatus && payload.toString('utf8').trim() === 'online') {
        publisher?.republishDiscovery();
      }
    },
  });
  cleanups.push(() => outlet.close(undefined, 500));
  publisher = new VehiclePublisher({
    outlet,
    topics,
    staleAfterMs: resolved.staleAfterMs,
    stateIntervalMs: resolved.stateIntervalMs,
    discovery: resolved.discovery,
    now,
    onState: () => {
      metrics.statePublishes++;
    },
  });
  outlet.retain(topics.status, 'online');

  // 3. The HTTP API.
  let login: DeviceLogin | undefined;
  const http: HubHttpServer = await startHubHttpServer({
    host: resolved.host,
    port: resolved.httpPort,
    apiKey: resolved.apiKey,
    startedAt,
    now,
    metrics,
    events,
    prefix: topics.prefix,
    discoveryPrefix: topics.discoveryPrefix,
    discovery: resolved.discovery,
    budgetWindowSeconds: DAY_SECONDS,
    account: () => account,
    login: () => (account === undefined ? login?.prompt : undefined),
    mqtt: () => ({
      mode: resolved.broker.kind,
      url: publicUrl,
      connected: outlet.connected,
      counters: outlet.counters,
    }),
  });
  cleanups.push(() => http.stop());

  // 4. The account's data onto the topics.
  const detachers: (() => void)[] = [];
  let previousConnection: LiveConnection['state'] | undefined;
  const attach = async (live: LiveAccount): Promise<void> => {
    const activePublisher = publisher;
    detachers.push(
      live.on('change', (change) => {
        metrics.count(metrics.changes, change.channel);
        if (!hasRawMessages(live) && change.channel === 'stream') metrics.streamMessages++;
        activePublisher.update(change.snapshot);
        events.send('change', {
          vin: change.vin,
          channel: change.channel,
          changes: change.changes.map((field) => ({
            path: field.path,
            at: formatInstant(field.time.at),
            channel: field.time.channel ?? change.channel,
          })),
        });
      }),
      live.on('event', (event) => {
        metrics.count(metrics.events, event.type);
        const json = eventJSON(event);
        outlet.publish(topics.event(event.vin), JSON.stringify(json));
        events.send('event', json);
      }),
      live.on('connection', (connection) => {
        if (
          previousConnection === 'connected' &&
          (connection.state === 'reconnecting' || connection.state === 'kicked')
        ) {
          metrics.streamReconnects++;
        }
        if (connection.state !== previousConnection) {
          log.info(
            `BMW stream: ${connection.state}${connection.reason === undefined ? '' : ` (${connection.reason})`}`,
          );
        }
        previousConnection = connection.state;
        const json = connectionJSON(connection);
        outlet.retain(topics.connection, JSON.stringify(json));
        events.send('connection', json);
      }),
      live.on('budget', (budget) => {
        const json = budgetJSON(budget);
        outlet.retain(topics.budget, JSON.stringify(json));
        events.send('budget', json);
      }),
      live.on('warning', (warning) => log.warn(warning.message)),
    );
    if (hasRawMessages(live)) {
      detachers.push(
        live.onRawMessage((message) => {
          metrics.streamMessages++;
          outlet.publish(topics.raw(message.vin), message.payload);
        }),
      );
    }
    // The last known state at once, from what the account restored: no REST call.
    for (const vehicle of live.vehicles) activePublisher.update(vehicle.snapshot);
    previousConnection = live.connection.state;
    outlet.retain(topics.connection, JSON.stringify(connectionJSON(live.connection)));
    if (live.budget !== undefined) outlet.retain(topics.budget, JSON.stringify(budgetJSON(live.budget)));
    await live.start();
  };

  let stopping: Promise<void> | undefined;
  let ready: Promise<void>;
  if (account !== undefined) {
    ready = attach(account);
  } else {
    const cardata = source.kind === 'cardata' ? source : undefined;
    login = new DeviceLogin({
      clientId: cardata?.clientId ?? '',
      baseUrl: options.baseUrl,
      tokenStore: tokenStore as TokenStore,
      log,
      pageUrl: `${http.url}/`,
    });
    outlet.retain(
      topics.connection,
      JSON.stringify({
        state: 'connecting',
        reason: `waiting for the CarData login: the code is shown at ${http.url}/`,
        since: formatInstant(new Date(now())),
      }),
    );
    const pending = login;
    ready = pending.run().then(async () => {
      if (stopping !== undefined) throw new Error('The hub stopped before the login completed.');
      const opened = await openCarDataAccountFor(
        options,
        resolved,
        tokenStore as TokenStore,
        statePath ?? '',
      );
      account = opened;
      await attach(opened);
    });
  }
  ready.catch((error: unknown) => {
    if (stopping === undefined)
      log.warn(
        `The hub could not start its account: ${error instanceof Error ? error.message : String(error)}`,
      );
  });

  if (resolved.broker.kind === 'external' && !(await outlet.waitUntilConnected(3_000))) {
    log.warn(
      `The MQTT broker ${publicUrl} is not reachable yet; the hub keeps trying and publishes everything once it is.`,
    );
  }

  const staleTimer = setInterval(() => publisher.refreshStaleness(), resolved.staleCheckIntervalMs);
  staleTimer.unref();

  const stop = async (): Promise<void> => {
    const deadline = now() + STOP_BUDGET_MS;
    clearInterval(staleTimer);
    login?.abort();
    publisher.flush();
    await outlet.close({ topic: topics.status, payload: 'offline' }, 1_000);
    for (const detach of detachers.splice(0)) detach();
    const live = account;
    if (live !== undefined) {
      const stopped = await withDeadline(
        live.stop().then(
          () => 'stopped' as const,
          (error: unknown) => {
            log.warn(
              `The account did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`,
            );
            return 'stopped' as const;
          },
        ),
        deadline - now() - 500,
      );
      if (stopped === 'timeout')
        log.warn('The account did not finish stopping in time; its last state may not be saved.');
    }
    await ready.catch(() => {});
    for (const cleanup of cleanups.splice(0).reverse()) {
      await withDeadline(
        cleanup().catch(() => {}),
        Math.max(100, deadline - now()),
      );
    }
  };

  return {
    httpUrl: http.url,
    mqttUrl: publicUrl,
    broker: resolved.broker.kind,
    get account() {
      return account;
    },
    ready,
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}

function openCarDataAccountFor(
  options: HubOptions,
  resolved: ResolvedHubOptions,
  tokenStore: TokenStore,
  statePath: string,
) {
  return openCarDataLiveAccount({
    tokenStore,
    statePath,
    apiBaseUrl: options.baseUrl,
    loginBaseUrl: options.baseUrl,
    streamUrl: options.streamUrl,
    stream: options.stream,
    budget: options.budget,
    events: options.events,
    staleAfterMs: resolved.staleAfterMs,
    now: options.now,
  });
}
