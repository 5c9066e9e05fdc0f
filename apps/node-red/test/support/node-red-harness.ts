import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveAccount } from '@bimmer/core';
import type { NodeRedRuntime } from '../../src/node-red/node-red-api';
import type { AccountNode } from '../../src/nodes/account-node';
import { registerBimmerNodes } from '../../src/register';
import { bimmerRuntimeOf } from '../../src/runtime/bimmer-runtime';

const require = createRequire(import.meta.url);

/** The subset of node-red-node-test-helper the tests use. */
export interface TestHelper {
  init(runtimePath: string): void;
  settings(settings: Record<string, unknown>): Record<string, unknown>;
  startServer(): Promise<void>;
  stopServer(): Promise<void>;
  load(
    nodes: ((RED: unknown) => unknown) | ((RED: unknown) => unknown)[],
    flow: object[],
    credentials?: Record<string, Record<string, string>>,
  ): Promise<void>;
  setFlows(
    flow: object[],
    type?: string,
    credentials?: Record<string, Record<string, string>>,
  ): Promise<void>;
  unload(): Promise<void>;
  getNode(id: string): TestNode | null;
  request(): import('./supertest-like').SupertestLike;
}

/** A node as the helper returns it (a real Node-RED node, with the helper's spies). */
export interface TestNode {
  readonly id: string;
  on(event: string, listener: (...args: never[]) => void): void;
  receive(message: Record<string, unknown>): void;
  status: { lastCall?: { args: unknown[] }; getCalls(): { args: unknown[] }[] };
  [key: string]: unknown;
}

/** node-red-node-test-helper 0.3.6 in a real Node-RED 5 runtime. */
export const helper = require('node-red-node-test-helper') as TestHelper;
helper.init(require.resolve('node-red'));

/**
 * Unloads the test's flows and stops the accounts the unload parked (a deploy parks them until its
 * flows start): the test ends here, so nothing of it (stream, timers, a demo's simulator) lives on.
 */
export async function unloadFlows(): Promise<void> {
  await helper.unload();
  const events = (helper as unknown as { _events?: object })._events;
  if (events !== undefined) await bimmerRuntimeOf(events)?.registry.stopParked();
}

/** Our node module as Node-RED loads it. */
export const bimmerNodes = (RED: unknown) => registerBimmerNodes(RED as NodeRedRuntime);

/** A fresh Node-RED user directory (for `bimmer/` files), removed by the returned function. */
export async function temporaryUserDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'bimmer-node-red-'));
  return { path, remove: () => rm(path, { recursive: true, force: true, maxRetries: 5 }) };
}

/** Waits for `count` messages arriving at a helper node, failing after `timeoutMs`. */
export function collect(
  node: TestNode,
  count: number,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>[]> {
  const messages: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Expected ${count} messages at ${node.id}, got ${messages.length}.`)),
      timeoutMs,
    );
    node.on('input', ((message: Record<string, unknown>) => {
      messages.push(message);
      if (messages.length === count) {
        clearTimeout(timer);
        resolve(messages);
      }
    }) as never);
  });
}

/** Polls `condition` until it holds, failing after `timeoutMs` with `what`. */
export async function eventually<T>(
  what: string,
  condition: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The tab every test flow lives on. */
export const TAB = { id: 'f1', type: 'tab', label: 'test' };

/** A flow node on the test tab (Node-RED tells flow nodes from config nodes by their position). */
export function flowNode(properties: Record<string, unknown>): Record<string, unknown> {
  return { z: 'f1', x: 100, y: 100, wires: [], ...properties };
}

/** The live account of a deployed account node, once open. */
export function liveAccountOf(id: string): LiveAccount | undefined {
  return (helper.getNode(id) as unknown as AccountNode | null)?.bimmerAccount?.account;
}

/**
 * Waits until a freshly logged-in CarData account has read its vehicles once over REST (the budget
 * policy's first read of each vehicle), so that what a test counts afterwards is its own.
 */
export function firstReadsDone(id: string, vehicles = 2): Promise<LiveAccount> {
  return eventually(
    `the first REST reads of ${id}`,
    () => {
      const account = liveAccountOf(id);
      const plans = (account?.budget as { vehicles?: { lastRestReadAt?: Date }[] } | undefined)?.vehicles;
      return plans !== undefined &&
        plans.length >= vehicles &&
        plans.every((plan) => plan.lastRestReadAt !== undefined)
        ? account
        : undefined;
    },
    20_000,
  );
}
