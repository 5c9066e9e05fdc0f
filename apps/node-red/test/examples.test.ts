import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Hub, startHub } from '@bimmer/hub';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bimmerNodes,
  collect,
  eventually,
  helper,
  TAB,
  type TestNode,
  temporaryUserDir,
  unloadFlows,
} from './support/node-red-harness';

const require = createRequire(import.meta.url);
const coreNodes = join(
  require.resolve('@node-red/nodes/package.json', { paths: [require.resolve('node-red')] }),
  '..',
  'core',
  'common',
);
const inject = require(join(coreNodes, '20-inject.js')) as (RED: unknown) => void;
const debug = require(join(coreNodes, '21-debug.js')) as (RED: unknown) => void;
const comment = require(join(coreNodes, '90-comment.js')) as (RED: unknown) => void;

const examplesDirectory = join(import.meta.dirname, '..', 'examples');
const examples = readdirSync(examplesDirectory).filter((name) => name.endsWith('.json'));

/**
 * An example that reads through a hub gets what `bimmer hub --demo` runs (the hub on the demo
 * account, on free ports here), with its account node pointed at it.
 */
async function withDemoHub(flow: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  if (!flow.some((node) => node.type === 'bimmer-account' && node.transport === 'hub')) return flow;
  const quiet = { info: () => {}, warn: () => {} };
  hub = await startHub({ demo: true, httpPort: 0, mqttPort: 0, discovery: false, log: quiet });
  await hub.ready;
  // A hub started long before the flow: it has read the demo fleet.
  const started = hub;
  await eventually(
    'the demo hub to read its fleet',
    () => started.account?.getVehicle('WBASIMCARDATA0001'),
    20_000,
  );
  const url = started.httpUrl;
  return flow.map((node) => (node.type === 'bimmer-account' ? { ...node, hubUrl: url } : node));
}

let hub: Hub | undefined;

describe('the example flows run against the demo account (or bimmer hub --demo)', () => {
  let userDir: { path: string; remove: () => Promise<void> };

  beforeEach(async () => {
    userDir = await temporaryUserDir();
    helper.settings({ userDir: userDir.path });
    await helper.startServer();
  });

  afterEach(async () => {
    await unloadFlows();
    await helper.stopServer();
    await hub?.stop();
    hub = undefined;
    await userDir.remove();
  });

  it.each(examples)('%s: every inject and watch reaches a debug node without an error', async (name) => {
    const flow = await withDemoHub(
      JSON.parse(readFileSync(join(examplesDirectory, name), 'utf8')) as Record<string, unknown>[],
    );
    const placed = flow.map((node) => ('x' in node ? { ...node, z: TAB.id } : node));
    await helper.load([inject, debug, comment, bimmerNodes], [TAB, ...placed]);
    const debugs = flow
      .filter((node) => node.type === 'debug')
      .map((node) => helper.getNode(String(node.id)) as TestNode);
    const received = new Map<string, unknown[]>();
    for (const node of debugs)
      node.on('input', ((message: unknown) =>
        received.set(node.id, [...(received.get(node.id) ?? []), message])) as never);
    const bimmer = flow.filter(
      (node) => String(node.type).startsWith('bimmer-') && node.type !== 'bimmer-account',
    );
    for (const node of bimmer) {
      const instance = helper.getNode(String(node.id)) as TestNode;
      await eventually(
        `${String(node.id)} connected`,
        () => {
          const texts = instance.status
            .getCalls()
            .map((call) => (call.args[0] as { text?: string }).text ?? '');
          return texts.some((text) => text.startsWith('connected')) ? true : undefined;
        },
        20_000,
      );
    }
    for (const node of flow.filter((entry) => entry.type === 'inject')) {
      const wired = ((node.wires as string[][])[0] ?? [])[0];
      const target = flow.find((entry) => entry.id === wired);
      const outputs = (target?.wires as string[][] | undefined)?.[0] ?? [];
      const done =
        outputs.length > 0 ? collect(helper.getNode(String(outputs[0])) as TestNode, 1, 20_000) : undefined;
      (helper.getNode(String(node.id)) as TestNode).receive({});
      await done;
    }
    const expectsOutput = flow.filter(
      (node) =>
        node.type === 'debug' &&
        flow.some(
          (source) =>
            ((source.wires as string[][] | undefined)?.[0] ?? []).includes(String(node.id)) &&
            source.type !== 'catch',
        ),
    );
    await eventually(
      'every debug node to receive',
      () =>
        expectsOutput.every((node) => (received.get(String(node.id)) ?? []).length > 0) ? true : undefined,
      20_000,
    );
    const errors = flow
      .filter((node) => node.type === 'catch')
      .flatMap((node) => received.get(String(((node.wires as string[][])[0] ?? [])[0])) ?? []);
    expect(errors).toEqual([]);
  });
});
