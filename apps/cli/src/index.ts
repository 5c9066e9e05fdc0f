/**
 * The programmatic side of @bimmer/cli: run `bimmer` in-process (tests, wrappers) and reuse its text
 * renderer. The `bimmer` bin is `dist/cli.js`.
 */
export { Cleanups } from './cleanups';
export { commandHandlers } from './commands/handlers';
export { ExitCode, type ExitCodeValue, exitCodeForError } from './exit-codes';
export type { CliInputStream, CliIo, CliOutputStream } from './io';
export { processIo } from './io';
export { createColors } from './output/colors';
export { renderFleetStatus, renderVehicleStatus } from './render/status-text';
export { runCli } from './run-cli';
