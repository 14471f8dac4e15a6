/** `limits/call-floor`: what one call across Node-API costs, the floor under every native form. */
import { js as boundaryJs, native } from '../../lab/native.js';
import { defineCase } from '../../engine/case.js';
import { randomBytes } from '../../lab/data.js';
import { labWasm } from '../../lab/wasm-lab.js';

const bin = native;
// Taken out of their objects once: a call through `js.noop` loads the method from a 60-property
// object on every op (10 ns on Node 20), which is not what a call costs.
const jsNoop = boundaryJs.noop;
const nativeNoop = bin?.noop;
const wasmNoop = labWasm?.noop;

interface State {
  data: Buffer;
}

export const benchCase = defineCase<State>({
  id: 'limits/call-floor',
  pattern: 'Node-API call floor',
  questions: [{ question: 5 }],
  description: 'Cost of one call: JS function vs native no-op vs native call borrowing a 16-byte Uint8Array',
  unit: 'calls',
  sizes: { quick: [1] },
  setup: () => ({ data: randomBytes(16) }),
  traditional: () => jsNoop(),
  ...(bin && nativeNoop ? { native: () => nativeNoop() } : {}),
  nativeVariants: {
    ...(bin ? { 'native-borrow-16B': (s: State) => bin.countByte(s.data, 7) } : {}),
    // The same no-op through the lab's wasm32-wasip1-threads build: the wasm boundary's floor.
    ...(wasmNoop ? { wasm: () => wasmNoop() } : {}),
  },
  check: () => {},
});
