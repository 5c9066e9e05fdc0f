import picocolors from 'picocolors';

/** The colour functions the CLI uses; identity functions when colours are off. */
export type Colors = ReturnType<typeof picocolors.createColors>;

/** Colour functions that colour only when `enabled`. */
export function createColors(enabled: boolean): Colors {
  return picocolors.createColors(enabled);
}
