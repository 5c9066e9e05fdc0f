/**
 * The programmatic side of @bimmer/cli: run `bimmer` in-process (tests, wrappers) and reuse its text
 * renderer. The `bimmer` bin is `dist/cli.js`.
 */
export { Cleanups } from './cleanups';
export type { CommandDefinition } from './commands/definition';
export { COMMANDS } from './commands/index';
export { exitCodeForError } from './errors/exit-code-for-error';
export { ExitCode, type ExitCodeValue } from './exit-codes';
export type { CliInputStream, CliIo, CliOutputStream } from './io';
export { processIo } from './io';
export { createColors } from './output/colors';
export { renderFleetStatus, renderVehicleStatus } from './render/status-text';
export { runCli } from './run-cli';
