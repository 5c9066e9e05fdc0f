// Remote services of a MyBMW vehicle (bimmer_connected's `vehicle.remote_services`, camelCase).
export { ExecutionState } from './execution-state';
export type { RemoteServiceOptions } from './options';
export { DEFAULT_POI_NAME, type PointOfInterest } from './poi';
export type { RemoteServiceProgress, RemoteServiceTransition } from './progress';
export { RemoteServices, type RemoteVehicle, remoteServices } from './remote-services';
export type { RemoteServiceResult } from './result';
export { RemoteService } from './services';

// Deliberately not exported: the endpoint paths, the event-status poll, the POI payload builder and
// the capability table. They are the implementation of the methods above.
