#!/usr/bin/env node
// The `switchboard` command: runs src/cli/main.ts through tsx, as the controller runs.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
