import type * as Binding from '../../../index.js';

/** The raw C Node-API reference functions (floor.c), with the package's argument contracts. */
export interface RawC {
  countByte(data: Uint8Array, byte: number): number;
  isUtf8(data: Uint8Array): boolean;
  utf8ValidUpTo(data: Uint8Array): number;
  crc32Sync(data: Uint8Array, initial?: number): number;
  lineOffsets(data: Uint8Array): Uint32Array;
  // The binding's own declarations: the same contract.
  decodeRecordArraysInto: typeof Binding.decodeRecordArraysInto;
  encodeRecordArraysInto: typeof Binding.encodeRecordArraysInto;
  NativeBlock: typeof Binding.NativeBlock;
}

/** The path of the built addon, building it with cc and node-api-headers first when needed. */
export function buildRawC(): string;

/** Builds when needed and loads the raw C reference addon. */
export function loadRawC(): RawC;
