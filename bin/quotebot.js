#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader: no build step, nothing stale.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/adapters/cli/index.ts');
await main(process.argv);
