/**
 * The entry of the built CLI (`npm run build:cli` bundles it to dist-cli/floplab.mjs, the
 * package's `floplab` bin): the command line without `node` and the script.
 */
import { main } from './main';
import { runAsProcess } from './process-entry';

void runAsProcess(process.argv.slice(2), main);
