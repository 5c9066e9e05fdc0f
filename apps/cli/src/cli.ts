#!/usr/bin/env node
// The `bimmer` bin, kept tiny so `bimmer --help` starts fast: Node's compile cache first (the next
// run of a module reuses its compiled code), then the program, loaded only now so that it benefits.
import module from 'node:module';

module.enableCompileCache?.();
await import('./main');
