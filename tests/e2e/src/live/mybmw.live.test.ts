import { MemoryTokenStore } from '@bimmer/auth';
import type { Simulator } from '@bimmer/simulator';
import { describeLiveAccount } from './describe-live-account';
import {
  MYBMW_VIN,
  openMyBMWLiveOverSimulator,
  ReportingCar,
  startMyBMWSimulator,
  vehicleDataRequests,
} from './mybmw-simulator';

let sim: Simulator;
let tokenStore: MemoryTokenStore;
let car: ReportingCar;

describeLiveAccount('MyBMW (polling)', async () => {
  sim = await startMyBMWSimulator();
  return {
    vin: MYBMW_VIN,
    channel: 'poll',
    async reset() {
      sim.reset();
      // One login per test, shared by the restarts within it (as a token file would be).
      tokenStore = new MemoryTokenStore();
      car = new ReportingCar(sim, MYBMW_VIN);
      await car.withoutTrunk();
    },
    open: ({ stateDir, events, staleAfterMs }) =>
      openMyBMWLiveOverSimulator(sim, tokenStore, stateDir, { events, staleAfterMs }),
    produce: (change) => car.report(change),
    dataRequests: () => vehicleDataRequests(sim).length,
    resetRequests: () => sim.clearRequests(),
    close: () => sim.stop(),
  };
});
