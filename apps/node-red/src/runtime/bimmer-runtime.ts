import type { NodeRedRuntime } from '../node-red/node-red-api';
import { userDirOf } from './account-files';
import { AccountRegistry } from './account-registry';
import { LoginManager, loginTopic } from './login-manager';

/**
 * What this package keeps per Node-RED process: the live accounts (across deploys) and the logins
 * running from the editor. Node-RED may hand a new `RED` object to each load of the module (the test
 * helper does), so the state is keyed by the runtime's event bus, which stays the same.
 */
export interface BimmerRuntime {
  readonly registry: AccountRegistry;
  readonly logins: LoginManager;
  /** The `RED` of the latest registration (settings, comms, log). */
  red: NodeRedRuntime;
  /** Node-RED's user directory, where `bimmer/` lives. */
  userDir(): string;
}

const runtimes = new WeakMap<object, BimmerRuntime>();
const withoutEvents = {};

/** The per-process state of these nodes for `RED`, created on first use. */
export function bimmerRuntimeFor(red: NodeRedRuntime): BimmerRuntime {
  const key = red.events ?? withoutEvents;
  const existing = runtimes.get(key);
  if (existing !== undefined) {
    existing.red = red;
    return existing;
  }
  const registry = new AccountRegistry(red.events);
  const runtime: BimmerRuntime = {
    registry,
    red,
    userDir: () => userDirOf(runtime.red.settings),
    logins: new LoginManager({
      userDir: () => runtime.userDir(),
      publish: (id, progress) => runtime.red.comms?.publish(loginTopic(id), progress, false),
      approved: (id) => void registry.get(id)?.reopen(),
    }),
  };
  runtimes.set(key, runtime);
  return runtime;
}

/**
 * The per-process state created for a Node-RED event bus, without creating one. Tests use it to
 * stop the accounts an unload parked (as a deploy parks them) when the test ends.
 */
export function bimmerRuntimeOf(events: object): BimmerRuntime | undefined {
  return runtimes.get(events);
}
