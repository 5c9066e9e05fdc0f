/**
 * The ES module bundle Node-RED's CommonJS node file loads (`dist/runtime.mjs`): every bimmer package
 * is bundled into it, so the published package depends only on a few third-party modules.
 */
export { registerBimmerNodes } from './register';
