/**
 * The JS twins and wrappers of checksum, boundary, lines, utf8 and string-building, on the cases
 * the StrykerJS survivors of docs/mutants.md showed untested: the parameter named in each error,
 * a 2-byte UTF-8 sequence with the highest lead byte, timestamps around 2^53 in CSV, the UTF-8
 * level override, the route report, and `abortable`'s settling and listener clean-up.
 */
import { getEventListeners } from 'node:events';

import { describe, expect, it } from 'vitest';

import { abortable, crc32 } from '../src/checksum.js';
import {
  allocColumns,
  countByte,
  crc32Sync,
  isUtf8,
  js,
  lineOffsets,
  native,
  recordsToCsv,
  utf8ValidUpTo,
} from '../src/index.js';
import { readUtf8SimdLevel, isUtf8Route, utf8Route, utf8SimdLevel } from '../src/utf8.js';

function message(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  return 'no error';
}

const notBytes = 'TypeError: data must be a Uint8Array or Buffer, received a number';

describe('twins and wrappers name the parameter in their errors', () => {
  it.each([
    ['js.crc32Sync', () => js.crc32Sync(1 as unknown as Uint8Array)],
    ['crc32Sync', () => crc32Sync(1 as unknown as Uint8Array)],
    ['js.countByte', () => js.countByte(1 as unknown as Uint8Array, 0)],
    ['countByte', () => countByte(1 as unknown as Uint8Array, 0)],
    ['js.lineOffsets', () => js.lineOffsets(1 as unknown as Uint8Array)],
    ['lineOffsets', () => lineOffsets(1 as unknown as Uint8Array)],
    ['js.isUtf8', () => js.isUtf8(1 as unknown as Uint8Array)],
    ['isUtf8', () => isUtf8(1 as unknown as Uint8Array)],
    ['js.utf8ValidUpTo', () => js.utf8ValidUpTo(1 as unknown as Uint8Array)],
    ['utf8ValidUpTo', () => utf8ValidUpTo(1 as unknown as Uint8Array)],
  ])('%s', (_, call) => {
    expect(message(call)).toBe(notBytes);
  });

  it('countByte names `byte` and its range', () => {
    const expected = 'RangeError: byte must be an integer from 0 to 255, received 256';
    expect(message(() => js.countByte(Buffer.from('a'), 256))).toBe(expected);
    expect(message(() => countByte(Buffer.from('a'), 256))).toBe(expected);
    expect(js.countByte(Buffer.from('abca'), 97)).toBe(2);
  });
});

describe('utf8', () => {
  it('0xdf is a valid 2-byte lead byte (U+07C0..U+07FF) in the JS scanner', () => {
    for (const text of ['\u07ff', 'a\u07c0b']) {
      const bytes = Buffer.from(text);
      expect(js.isUtf8(bytes)).toBe(true);
      expect(js.utf8ValidUpTo(bytes)).toBe(bytes.length);
    }
    expect(js.utf8ValidUpTo(Buffer.from([0x61, 0xdf]))).toBe(1);
  });

  it('0xc2 is a valid 2-byte lead byte (U+0080..U+00BF) in the JS scanner; 0xc1 is not', () => {
    for (const text of ['\u0080', '\u00a9', 'a\u00bfb']) {
      const bytes = Buffer.from(text);
      expect(bytes[text.length === 1 ? 0 : 1]).toBe(0xc2);
      expect(js.isUtf8(bytes)).toBe(true);
      expect(js.utf8ValidUpTo(bytes)).toBe(bytes.length);
    }
    expect(js.utf8ValidUpTo(Buffer.from([0x61, 0xc1, 0xbf]))).toBe(1);
  });

  it('RUST_PATTERNS_UTF8_SIMD forces a level, refuses unknown names and is ignored when empty', () => {
    expect(readUtf8SimdLevel({ RUST_PATTERNS_UTF8_SIMD: 'avx2' })).toBe('avx2');
    expect(readUtf8SimdLevel({ RUST_PATTERNS_UTF8_SIMD: 'scalar' })).toBe('scalar');
    expect(message(() => readUtf8SimdLevel({ RUST_PATTERNS_UTF8_SIMD: 'sse9' }))).toBe(
      'RangeError: RUST_PATTERNS_UTF8_SIMD must be one of avx512, avx2, neon, scalar, got sse9',
    );
    const detected = readUtf8SimdLevel({});
    expect(readUtf8SimdLevel({ RUST_PATTERNS_UTF8_SIMD: '' })).toBe(detected);
    // With the binding loaded the detected level is the binding's (a known name on this CPU).
    expect(detected).toBe(native === null ? 'scalar' : native.utf8SimdLevel());
    expect(['avx512', 'avx2', 'neon', 'scalar']).toContain(utf8SimdLevel());
    // The twin has no SIMD level of its own.
    expect(js.utf8SimdLevel()).toBe('scalar');
  });

  it('the JS scanner skips four bytes at a time only while all four are ASCII', () => {
    // A group whose bytes OR to exactly 0x80 holds a lone continuation byte: not skippable.
    for (const bytes of [
      [0x80, 0, 0, 0],
      [0, 0, 0, 0x80],
      [0x80, 0x80, 0, 0x80],
    ]) {
      expect(js.isUtf8(Uint8Array.from(bytes))).toBe(false);
      expect(js.utf8ValidUpTo(Uint8Array.from([0x41, 0x41, 0x41, 0x41, ...bytes]))).toBe(
        4 + bytes.indexOf(0x80),
      );
    }
    expect(js.isUtf8(new Uint8Array(8))).toBe(true);
  });

  it('the top-level isUtf8 refuses other views above its cut-off, as the twin does', () => {
    // Above the cut-off the built-in or the binding runs, and buffer.isUtf8 would take these.
    for (const view of [new Float64Array(256), new Uint16Array(256), new DataView(new ArrayBuffer(256))]) {
      const twin = message(() => js.isUtf8(view as unknown as Uint8Array));
      expect(twin).toMatch(/^TypeError: data must be a Uint8Array or Buffer/);
      expect(message(() => isUtf8(view as unknown as Uint8Array))).toBe(twin);
    }
  });

  it('the route of an empty input is always the JS scanner', () => {
    const everyRoute = {
      level: 'avx2' as const,
      hasNative: true,
      hasBuiltin: true,
      builtinIsSimdutf: true,
      jsMaxBytes: 0,
      nativeOverBuiltinMinBytes: 0,
    };
    expect(utf8Route(0, everyRoute)).toBe('js');
    expect(utf8Route(1, everyRoute)).toBe('native');
    expect(isUtf8Route(0)).toBe('js');
    // A gigabyte is past every cut-off: this process routes it to the binding or the built-in.
    expect(isUtf8Route(2 ** 30)).not.toBe('js');
  });
});

describe('crc32Sync', () => {
  it('continues from `initial` on every route, from the built-in sizes to the binding sizes', () => {
    for (const size of [1, 16, 255, 4096, 65_536, 1 << 20]) {
      const data = Uint8Array.from({ length: size }, (_, i) => (i * 131 + 7) & 0xff);
      const cut = size >> 1;
      const head = js.crc32Sync(data.subarray(0, cut));
      // crc32 of the whole equals crc32 of the tail continued from the head's.
      expect(crc32Sync(data.subarray(cut), head)).toBe(js.crc32Sync(data));
      expect(crc32Sync(data, 0x1234_5678)).toBe(js.crc32Sync(data, 0x1234_5678));
    }
  });
});

describe('recordsToCsv', () => {
  it('the JS twin writes timestamps around 2^53 exactly, as the binding does', () => {
    const c = allocColumns(5);
    c.timestamp.set([0n, 1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n]);
    c.id.set([1, 2, 3, 4, 5]);
    const csv = (f: typeof js): string =>
      f.recordArraysToCsv(c.timestamp, c.value, c.id, c.kind, c.flags, 5).toString('latin1');
    const text = csv(js);
    for (const t of ['9007199254740991', '9007199254740992', '9007199254740993']) expect(text).toContain(t);
    expect(text.split('\n')[0]!.startsWith('0,')).toBe(true);
    expect(text.split('\n')[4]).toBe('9007199254740993,0,5,0,0');
    if (native !== null) expect(text).toBe(csv(native as unknown as typeof js));
  });

  it('a missing timestamp column gets the argument check, not an engine error', () => {
    const c = allocColumns(2);
    const columns = { ...c, timestamp: undefined as unknown as BigUint64Array };
    expect(message(() => recordsToCsv(columns))).toBe(
      'TypeError: timestamp must be a BigUint64Array, received undefined',
    );
  });
});

describe('abortable', () => {
  it('a signal aborted before the call rejects at once', async () => {
    await expect(abortable(Promise.resolve(1), AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
    await expect(crc32(Buffer.from('abc'), undefined, AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('an abort while the work runs rejects, and leaves no listener behind', async () => {
    const controller = new AbortController();
    const pending = abortable(new Promise<number>(() => {}), controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('settles with the work and removes its listener either way', async () => {
    const signal = new AbortController().signal;
    await expect(abortable(Promise.resolve(5), signal)).resolves.toBe(5);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    await expect(abortable(Promise.reject(new Error('boom')), signal)).rejects.toThrow('boom');
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    await expect(crc32(Buffer.from('123456789'), undefined, signal)).resolves.toBe(0xcbf43926);
  });
});
