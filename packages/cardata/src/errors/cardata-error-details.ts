import type { BimmerError, BimmerErrorOptions } from '@bimmer/core';

/**
 * What every CarData error carries besides the core error fields, in one shape for all five
 * classes: adapters read `cuCode` to tell BMW's reasons apart without parsing messages.
 */
export interface CarDataErrorDetails {
  /** BMW's error id, e.g. `CU-103`; undefined when the body had none (or the error is ours). */
  readonly cuCode: string | undefined;
  /** The HTTP status BMW answered with; undefined when no answer came. */
  readonly status: number | undefined;
  /** The path of the endpoint (no host, no query, no secret). */
  readonly endpoint: string | undefined;
}

/** The options every CarData error takes: the core options plus the {@link CarDataErrorDetails}. */
export interface CarDataErrorOptions extends BimmerErrorOptions {
  readonly cuCode?: string | undefined;
  readonly status?: number | undefined;
  readonly endpoint?: string | undefined;
}

/** Constructor arguments of a mixin and its base: TypeScript requires exactly `any[]` there. */
// biome-ignore lint/suspicious/noExplicitAny: the one place a mixin needs `any`.
type MixinArgs = any[];

type ErrorConstructor = abstract new (...args: MixinArgs) => BimmerError;

/** A core error class that also carries the {@link CarDataErrorDetails}. */
export type WithCarDataDetails<Base extends ErrorConstructor> = Base &
  (abstract new (
    ...args: MixinArgs
  ) => CarDataErrorDetails);

/**
 * Gives a core error class the {@link CarDataErrorDetails}, declared and set in this one place, so
 * the five CarData errors extend their core classes (and keep their codes) without repeating them.
 */
export function withCarDataDetails<Base extends ErrorConstructor>(base: Base): WithCarDataDetails<Base> {
  abstract class CarDataDetailedError extends base implements CarDataErrorDetails {
    readonly cuCode: string | undefined;
    readonly status: number | undefined;
    readonly endpoint: string | undefined;
    constructor(...args: MixinArgs) {
      super(...args);
      const options = (args[1] ?? {}) as CarDataErrorOptions;
      this.cuCode = options.cuCode;
      this.status = options.status;
      this.endpoint = options.endpoint;
    }
  }
  return CarDataDetailedError;
}
