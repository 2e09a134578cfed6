import { runCli } from './cli.js';
import { processIo } from './io.js';

// The `switchboard` command (bin/switchboard, npm run init / doctor / switchboard).
process.exitCode = await runCli(process.argv.slice(2), processIo());
