'use strict';

/**
 * The node file Node-RED loads with require() (copied to dist/bimmer.js, beside dist/bimmer.html).
 * The nodes themselves are an ES module bundle, loaded with import() so that ESM-only dependencies
 * work on every Node.js that Node-RED 4 and 5 support; Node-RED waits for the returned promise.
 */
module.exports = async function bimmerNodes(RED) {
  const { registerBimmerNodes } = await import('./runtime.mjs');
  registerBimmerNodes(RED);
};
