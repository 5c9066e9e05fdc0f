import type { MemoryTokenStore } from '@bimmer/auth';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import {
  CARDATA_VIN,
  cardataLogin,
  exhaustLedger,
  openLiveOverSimulator,
  publish,
  restRequests,
  streamMessage,
} from './cardata-simulator';
import { describeLiveAccount } from './describe-live-account';

let sim: Simulator;
let tokenStore: MemoryTokenStore;

describeLiveAccount('CarData', async () => {
  sim = await startSimulator({ fingerprints: [] });
  return {
    vin: CARDATA_VIN,
    channel: 'stream',
    async reset() {
      sim.reset();
      tokenStore = await cardataLogin(sim);
    },
    open: ({ stateDir, events, staleAfterMs }) =>
      openLiveOverSimulator(sim, tokenStore, stateDir, { events, staleAfterMs }),
    async produce(change) {
      const data: Record<string, unknown> = {};
      if (change.batteryPercent !== undefined)
        data['vehicle.drivetrain.batteryManagement.header'] = change.batteryPercent;
      if (change.trunk !== undefined) data['vehicle.body.trunk.isOpen'] = change.trunk === 'OPEN';
      await publish(sim, streamMessage(CARDATA_VIN, change.at, data));
    },
    dataRequests: () => restRequests(sim).length,
    resetRequests: () => sim.clearRequests(),
    exhaustBudget: (stateDir) => exhaustLedger(sim, tokenStore, stateDir),
    close: () => sim.stop(),
  };
});
