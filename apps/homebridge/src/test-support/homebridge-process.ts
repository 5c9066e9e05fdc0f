import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** A free TCP port on 127.0.0.1 (bound once, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** One characteristic as Homebridge's insecure `/accessories` lists it. */
export interface HapCharacteristicJson {
  readonly iid: number;
  readonly type: string;
  readonly value?: unknown;
  readonly description?: string;
}

/** One service as `/accessories` lists it. */
export interface HapServiceJson {
  readonly type: string;
  readonly characteristics: readonly HapCharacteristicJson[];
}

/** One accessory as `/accessories` lists it. */
export interface HapAccessoryJson {
  readonly aid: number;
  readonly services: readonly HapServiceJson[];
}

/** Homebridge 2.1.0's `homebridge` bin from the devDependency. */
export const HOMEBRIDGE_BIN = join(
  dirname(dirname(createRequire(import.meta.url).resolve('homebridge'))),
  'bin',
  'homebridge.js',
);

/**
 * A real Homebridge process: `homebridge -I -C -Q -U <storage> -P <plugin> --strict-plugin-resolution`
 * (insecure, so `/accessories` answers without pairing; colours forced, so warnings are yellow and
 * recognisable in the captured output).
 */
export class HomebridgeProcess {
  readonly child: ChildProcess;
  readonly output: string[] = [];

  constructor(storagePath: string, pluginPath: string) {
    this.child = spawn(
      process.execPath,
      [HOMEBRIDGE_BIN, '-I', '-C', '-Q', '-U', storagePath, '-P', pluginPath, '--strict-plugin-resolution'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '1' } },
    );
    this.child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
  }

  /** The whole output so far. */
  text(): string {
    return this.output.join('');
  }

  /** Lines Homebridge printed as warnings or errors (yellow or red), and HAP-NodeJS's own warnings. */
  warnings(): string[] {
    return this.text()
      .split('\n')
      .filter(
        (line) =>
          line.includes('\u001b[33m') || line.includes('\u001b[31m') || /WARNING|slows down/i.test(line),
      );
  }

  /** SIGTERM and wait for the exit (Homebridge runs the plugins' shutdown). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** `GET /accessories` of an insecure Homebridge; undefined while it does not answer yet. */
export async function readAccessories(port: number): Promise<HapAccessoryJson[] | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/accessories`, {
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) return undefined;
    return ((await response.json()) as { accessories: HapAccessoryJson[] }).accessories;
  } catch {
    return undefined;
  }
}

/** HAP's short UUID form (`96` for `00000096-0000-1000-8000-0026BB765291`). */
function shortType(type: string): string {
  return type.replace(/^0+/, '').replace(/-0000-1000-8000-0026BB765291$/i, '');
}

/** HAP type UUIDs of the services and characteristics the tests read. */
export const HAP_TYPES = {
  AccessoryInformation: '3E',
  Battery: '96',
  ContactSensor: '80',
  LockMechanism: '45',
  OccupancySensor: '86',
  SerialNumber: '30',
  BatteryLevel: '68',
  ChargingState: '8F',
  ContactSensorState: '6A',
  LockCurrentState: '1D',
  LockTargetState: '1E',
  OccupancyDetected: '71',
  ConfiguredName: 'E3',
} as const;

/**
 * `GET /accessories` until `ready` holds for the list; fails after `timeoutMs` with what Homebridge
 * printed (`output`).
 */
export async function accessoriesWhen(
  port: number,
  ready: (accessories: HapAccessoryJson[]) => boolean,
  timeoutMs: number,
  what: string,
  output: () => string = () => '',
): Promise<HapAccessoryJson[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await readAccessories(port);
    if (last !== undefined && ready(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}. Homebridge said:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * What a HomeKit controller does on a tap: `PUT /characteristics` of an insecure Homebridge (which
 * still asks for the setup code in the `authorization` header of an unpaired connection).
 */
export async function writeCharacteristic(
  port: number,
  pin: string,
  target: { readonly aid: number; readonly iid: number },
  value: unknown,
): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/characteristics`, {
    method: 'PUT',
    headers: { 'content-type': 'application/hap+json', authorization: pin },
    body: JSON.stringify({ characteristics: [{ aid: target.aid, iid: target.iid, value }] }),
    signal: AbortSignal.timeout(5_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * The value of a characteristic on the accessory whose serial is `serial`, in the service of `type`
 * whose ConfiguredName is `name` (or the only one of its type when `name` is undefined).
 */
export function characteristicValue(
  accessories: readonly HapAccessoryJson[],
  serial: string,
  serviceType: string,
  name: string | undefined,
  characteristicType: string,
): unknown {
  return findCharacteristic(accessories, serial, serviceType, name, characteristicType)?.value;
}

/** The characteristic {@link characteristicValue} reads, with the accessory's `aid` (to write it). */
export function findCharacteristic(
  accessories: readonly HapAccessoryJson[],
  serial: string,
  serviceType: string,
  name: string | undefined,
  characteristicType: string,
): (HapCharacteristicJson & { readonly aid: number }) | undefined {
  const accessory = accessories.find((candidate) =>
    candidate.services.some(
      (service) =>
        shortType(service.type) === HAP_TYPES.AccessoryInformation &&
        service.characteristics.some(
          (c) => shortType(c.type) === HAP_TYPES.SerialNumber && c.value === serial,
        ),
    ),
  );
  const service = accessory?.services.find(
    (candidate) =>
      shortType(candidate.type) === serviceType &&
      (name === undefined ||
        candidate.characteristics.some(
          (c) => shortType(c.type) === HAP_TYPES.ConfiguredName && c.value === name,
        )),
  );
  const characteristic = service?.characteristics.find((c) => shortType(c.type) === characteristicType);
  return accessory === undefined || characteristic === undefined
    ? undefined
    : { ...characteristic, aid: accessory.aid };
}
