/**
 * `zero-copy/boundary-out` and `limits/call-floor` (benchmark only): the JS twins of the lab
 * binding's `xorIntoNew` / `xorIntoNewCopy` (a Buffer moved out of Rust, or copied) and `noop`.
 */
import { assertBytes, rangeError } from '../../../src/validate.js';

function jsXorIntoNew(data: Uint8Array, key: Uint8Array): Buffer {
  assertBytes(data, 'data');
  assertBytes(key, 'key');
  if (key.length === 0) throw rangeError('key must not be empty');
  const out = Buffer.allocUnsafe(data.length);
  const k = key.length;
  if (k === 1) {
    const b = key[0]!;
    for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ b;
  } else {
    for (let i = 0, j = 0; i < data.length; i++, j = j + 1 === k ? 0 : j + 1) out[i] = data[i]! ^ key[j]!;
  }
  return out;
}

function jsNoop(): void {}

/** The JS twins of the lab binding's boundary kernels. */
export const boundaryLabJs = {
  xorIntoNew: jsXorIntoNew,
  xorIntoNewCopy: jsXorIntoNew,
  noop: jsNoop,
};
