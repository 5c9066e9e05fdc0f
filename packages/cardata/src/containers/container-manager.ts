import { createHash } from 'node:crypto';
import { CarDataApiError } from '../errors/cardata-errors';
import type { CarDataRestClient } from '../rest/rest-client';
import { accountState, type CarDataStateStore } from '../store/state-store';

/** BMW allows this many active containers per account. */
export const MAX_CONTAINERS = 10;

/** What identifies our container. */
export interface ContainerSpec {
  /** The container name; bimmer's containers are all called this. */
  name: string;
  /** The descriptors to read. */
  descriptors: readonly string[];
}

/** A short, order-independent signature of a descriptor list. */
export function descriptorSignature(descriptors: readonly string[]): string {
  const canonical = [...new Set(descriptors)].sort().join('\n');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

/** The purpose text that carries the signature, so a list call finds our container. */
export function containerPurpose(spec: ContainerSpec): string {
  return `${spec.name} telematics ${descriptorSignature(spec.descriptors)}`;
}

/**
 * Finds or creates our container and caches its id beside the tokens, so a status costs no
 * container calls after the first. Only containers named like ours are ever deleted.
 */
export class ContainerManager {
  readonly #rest: CarDataRestClient;
  readonly #store: CarDataStateStore;
  readonly #accountKey: string;
  readonly #spec: ContainerSpec;

  constructor(options: {
    rest: CarDataRestClient;
    store: CarDataStateStore;
    /** The account's entry in the state (`carDataAccountKey(gcid, baseUrl)`). */
    accountKey: string;
    spec: ContainerSpec;
  }) {
    this.#rest = options.rest;
    this.#store = options.store;
    this.#accountKey = options.accountKey;
    this.#spec = options.spec;
  }

  /** The id of our container: cached (no call), found by a list call, or created. */
  async containerId(): Promise<string> {
    const signature = descriptorSignature(this.#spec.descriptors);
    const cached = (await this.#store.read()).accounts[this.#accountKey]?.container;
    if (cached !== undefined && cached.signature === signature) return cached.id;

    const purpose = containerPurpose(this.#spec);
    const containers = await this.#rest.listContainers();
    const active = containers.filter((container) => container.state === 'ACTIVE');
    const match = active.find(
      (container) => container.name === this.#spec.name && container.purpose === purpose,
    );
    let id = match?.containerId;
    if (id === undefined) {
      // Our older containers (other descriptor sets) go first, so they never count against the limit.
      const outdated = active.filter(
        (container) =>
          container.name === this.#spec.name &&
          container.purpose.startsWith(`${this.#spec.name} telematics `),
      );
      for (const container of outdated) await this.#rest.deleteContainer(container.containerId);
      if (active.length - outdated.length >= MAX_CONTAINERS) {
        throw new CarDataApiError(`The account already has ${MAX_CONTAINERS} containers of other apps.`, {
          cuCode: 'CU-124',
          hint: 'Delete containers you no longer use (bimmer only deletes its own), then try again.',
        });
      }
      id = (
        await this.#rest.createContainer({
          name: this.#spec.name,
          purpose,
          technicalDescriptors: [...this.#spec.descriptors],
        })
      ).containerId;
    }
    const chosen = id;
    await this.#store.update((state) => {
      accountState(state, this.#accountKey).container = { id: chosen, signature };
    });
    return chosen;
  }

  /** Forgets the cached id (BMW no longer knows it). */
  async forget(): Promise<void> {
    await this.#store.update((state) => {
      delete accountState(state, this.#accountKey).container;
    });
  }
}
