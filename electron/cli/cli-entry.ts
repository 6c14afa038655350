// SPDX-License-Identifier: Apache-2.0
// Process entry of the bundled CLI (out/cli/ciab.mjs): run and exit with the command's code.
import { main } from './ciab.js';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`ciab: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
