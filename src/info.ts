import { native } from './native.js';

/** Names the CRC-32 code path this CPU takes natively ("pclmulqdq", ...), or "js". */
export function simdLevel(): string {
  return native === null ? 'js' : native.simdLevel();
}
