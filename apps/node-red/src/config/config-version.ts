import { BimmerValidationError } from '@bimmer/core';

/**
 * The version of every node's configuration this build writes. Stored in each node as
 * `configVersion`, so a later release can tell an old flow from a new one and migrate it instead of
 * misreading it (deployed flows must survive upgrades).
 */
export const CONFIG_VERSION = 1;

/** A node configuration as stored in the flow: plain properties. */
export type StoredConfig = Readonly<Record<string, unknown>>;

/**
 * One step of a node type's migration path: turns a configuration of version `from` into one of
 * version `from + 1`. Version 0 is a configuration without `configVersion` (written before versions
 * existed, or by hand).
 */
export interface ConfigMigration {
  readonly from: number;
  migrate(config: StoredConfig): StoredConfig;
}

/** The result of {@link migrateConfig}: the configuration at {@link CONFIG_VERSION} and where it came from. */
export interface MigratedConfig {
  readonly config: StoredConfig;
  /** The version the flow stored; equal to {@link CONFIG_VERSION} when nothing was migrated. */
  readonly storedVersion: number;
}

/** The version a stored configuration claims; 0 when it has none. */
export function storedVersionOf(config: StoredConfig): number {
  const raw = config.configVersion;
  if (raw === undefined || raw === null || raw === '') return 0;
  const version = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(version) || version < 0) {
    throw new BimmerValidationError(`The node's configVersion ${JSON.stringify(raw)} is not a version.`, {
      paths: ['configVersion'],
      action: 'check-input',
      hint: 'Open the node in the editor, check its settings and deploy again.',
    });
  }
  return version;
}

/**
 * Brings a stored configuration to {@link CONFIG_VERSION} by running the type's migrations in order.
 *
 * @throws BimmerValidationError when the flow was written by a newer release (a downgrade would
 *   misread it) or a step of the path is missing.
 */
export function migrateConfig(
  type: string,
  config: StoredConfig,
  migrations: readonly ConfigMigration[],
): MigratedConfig {
  const storedVersion = storedVersionOf(config);
  if (storedVersion > CONFIG_VERSION) {
    throw new BimmerValidationError(
      `This ${type} node was saved by a newer @bimmer/node-red (configuration version ${storedVersion}; this one understands up to ${CONFIG_VERSION}).`,
      {
        paths: ['configVersion'],
        action: 'check-input',
        hint: 'Update @bimmer/node-red in the palette manager, then restart Node-RED.',
      },
    );
  }
  let current = config;
  for (let version = storedVersion; version < CONFIG_VERSION; version++) {
    const step = migrations.find((migration) => migration.from === version);
    if (step === undefined) {
      throw new BimmerValidationError(`No migration of ${type} from configuration version ${version}.`, {
        paths: ['configVersion'],
      });
    }
    current = { ...step.migrate(current), configVersion: version + 1 };
  }
  return { config: current, storedVersion };
}

/** A migration from version 0 that fills the defaults of version 1 for properties that are missing. */
export function fillDefaults(defaults: StoredConfig): ConfigMigration {
  return {
    from: 0,
    migrate: (config) => {
      const filled: Record<string, unknown> = { ...config };
      for (const [key, value] of Object.entries(defaults)) {
        if (filled[key] === undefined || filled[key] === null) filled[key] = value;
      }
      return filled;
    },
  };
}
