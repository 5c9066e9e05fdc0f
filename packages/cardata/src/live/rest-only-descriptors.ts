import { type DescriptorName, descriptorKey } from '../descriptors';

/**
 * The descriptors of bimmer's container that BMW's telematic data catalogue marks as not
 * streamable: the stream never carries them, so only a REST read keeps them current. The door lock
 * state is the one people miss most (a lock tile in Apple Home); the condition-based services and
 * check-control messages come with it. Tyre wear comes from its own endpoint and is not read by the
 * live account's automatic policy at all.
 */
export const REST_ONLY_DESCRIPTOR_NAMES = [
  'lockStatus',
  'chargingLevel',
  'conditionBasedServices',
  'checkControlMessages',
] as const satisfies readonly DescriptorName[];

/** The descriptor keys of {@link REST_ONLY_DESCRIPTOR_NAMES}. */
export const REST_ONLY_DESCRIPTORS: ReadonlySet<string> = new Set(
  REST_ONLY_DESCRIPTOR_NAMES.map((name) => descriptorKey(name)),
);

/** True when the stream can never deliver `descriptor` (see {@link REST_ONLY_DESCRIPTORS}). */
export function isRestOnlyDescriptor(descriptor: string): boolean {
  return REST_ONLY_DESCRIPTORS.has(descriptor);
}
