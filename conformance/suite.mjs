// The conformance suite: the built package (dist/, the root loader and the local .node build)
// checked on whatever runtime runs this file. `node conformance/suite.mjs`, `bun
// conformance/suite.mjs`, `deno run -A conformance/suite.mjs`; RUST_PATTERNS_FORCE_JS=1 runs it
// on the JS twins. `npm run test:runtimes` runs it on every installed runtime, both ways.
import { lib, run } from './harness.mjs';
import './loading.mjs';
import './parity.mjs';
import './contract.mjs';
import './async.mjs';
import './ownership.mjs';

await run({ after: () => lib.closeParallelPool() });
