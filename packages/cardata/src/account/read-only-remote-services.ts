import { BimmerUnsupportedError, RemoteServiceName } from '@bimmer/core';

/** The error every remote call over CarData throws. */
export function carDataReadOnlyError(service: string): BimmerUnsupportedError {
  return new BimmerUnsupportedError(
    `BMW CarData is read-only: "${service}" (and every other remote service) cannot be sent over it.`,
    {
      feature: service,
      hint: 'CarData only reads data; BMW offers third parties no remote commands. Use the MyBMW app for lock, climate and charging control.',
    },
  );
}

/** The remote-service surface of a CarData vehicle: every call is refused before anything is sent. */
export type CarDataRemoteServices = {
  readonly [K in RemoteServiceName]: (...args: unknown[]) => Promise<never>;
} & {
  /** Always throws: CarData is read-only. */
  trigger(service: RemoteServiceName | string): Promise<never>;
};

/** Builds the refusing remote-service object. */
export function readOnlyRemoteServices(): CarDataRemoteServices {
  const refuse = (service: string) => () => Promise.reject(carDataReadOnlyError(service));
  const services = Object.fromEntries(Object.values(RemoteServiceName).map((name) => [name, refuse(name)]));
  return {
    ...services,
    trigger: (service: string) => Promise.reject(carDataReadOnlyError(service)),
  } as CarDataRemoteServices;
}
