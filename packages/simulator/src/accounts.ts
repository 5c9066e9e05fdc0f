import { createHash, timingSafeEqual } from 'node:crypto';
import { DEMO_ACCOUNT } from './constants';

/** An account the simulator accepts logins for. */
export interface SimulatorAccountOptions {
  username: string;
  password: string;
  /** The VINs it owns; every loaded vehicle when absent. */
  vins?: string[];
  /** Its gcid (the user id in token responses and the POI URL); derived from the username when absent. */
  gcid?: string;
}

/** An account as the simulator holds it. */
export interface Account {
  username: string;
  password: string;
  gcid: string;
  /** Upper-case VINs it owns; undefined for every vehicle. */
  vins: Set<string> | undefined;
}

/** A stable UUID-shaped id derived from a text, so gcids survive restarts. */
export function stableUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The accounts the simulator knows. */
export class Accounts {
  readonly #accounts: Account[];

  /** Without options, the demo account (`demo@bimmer.dev` / `bimmer-demo`) owning every vehicle. */
  constructor(options: readonly SimulatorAccountOptions[] | undefined) {
    const list = options && options.length > 0 ? options : [DEMO_ACCOUNT];
    this.#accounts = list.map((account) => ({
      username: account.username,
      password: account.password,
      gcid: ('gcid' in account && account.gcid) || stableUuid(`gcid:${account.username}`),
      vins:
        'vins' in account && account.vins ? new Set(account.vins.map((vin) => vin.toUpperCase())) : undefined,
    }));
  }

  /** Every account. */
  list(): readonly Account[] {
    return this.#accounts;
  }

  /** The account with this username (case-insensitive), if any. */
  find(username: string): Account | undefined {
    const wanted = username.trim().toLowerCase();
    return this.#accounts.find((account) => account.username.toLowerCase() === wanted);
  }

  /** The account when username and password match; undefined otherwise. */
  verify(username: string, password: string): Account | undefined {
    const account = this.find(username);
    return account && sameText(account.password, password) ? account : undefined;
  }
}

/** True when the account owns the vehicle. */
export function ownsVehicle(account: Account, vin: string): boolean {
  return account.vins === undefined || account.vins.has(vin.toUpperCase());
}
