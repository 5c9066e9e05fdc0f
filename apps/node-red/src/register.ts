import type { NodeRedRuntime } from './node-red/node-red-api';
import { registerAccountNode } from './nodes/account-node';
import { registerEventNode } from './nodes/event-node';
import { registerRemoteNode } from './nodes/remote-node';
import { registerVehicleNode } from './nodes/vehicle-node';
import { registerWatchNode } from './nodes/watch-node';
import { registerAdminRoutes } from './runtime/admin-routes';
import { bimmerRuntimeFor } from './runtime/bimmer-runtime';

/**
 * Registers every bimmer node type and the editor's admin endpoints with Node-RED. This is what the
 * package's node file (`dist/bimmer.js`) runs; tests call it with the test helper's `RED`.
 */
export function registerBimmerNodes(RED: NodeRedRuntime): void {
  const runtime = bimmerRuntimeFor(RED);
  registerAccountNode(RED, runtime);
  registerVehicleNode(RED);
  registerWatchNode(RED);
  registerEventNode(RED);
  registerRemoteNode(RED);
  registerAdminRoutes(RED, runtime);
}
