/**
 * The MyBMW endpoints this package and @bimmer/remote call, relative to the region host. The paths are
 * the app's (bimmer_connected's `const.py`); only the ones we use are listed.
 */
export const MyBMWEndpoints = {
  vehicleList: '/eadrax-vcs/v5/vehicle-list',
  vehicleProfile: '/eadrax-vcs/v5/vehicle-data/profile',
  vehicleState: '/eadrax-vcs/v4/vehicles/state',
  chargingDetails: '/eadrax-crccs/v2/vehicles',
  vehicleImage: '/eadrax-ics/v5/presentation/vehicles/images',
  remoteCommandV4: '/eadrax-vrccs/v4/presentation/remote-commands',
  remoteCommandV3: '/eadrax-vrccs/v3/presentation/remote-commands',
  chargingBase: '/eadrax-crccs/v1/vehicles',
  sendToCar: '/eadrax-dcs/v2/user',
} as const;
