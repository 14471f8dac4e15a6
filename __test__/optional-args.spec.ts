/**
 * Every optional parameter of every binding export treats `undefined`, `null` and wrong types
 * exactly as its JS twin does: the same value, or the same error class and message.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { allocColumns, js, native } from '../src/index.js';

type Twins = typeof js;

/** The binding, seen through the twins' type (the suite is skipped when it is not built). */
const binding = native as Twins | null;

/** What a call gives: its (awaited) value as plain data, or its error's class and message. */
async function outcome(call: () => unknown): Promise<unknown> {
  try {
    let value = call();
    if (value instanceof Promise) value = await value;
    if (ArrayBuffer.isView(value)) return { value: Array.from(value as Uint8Array) };
    if (value instanceof js.NativeBlock || (native !== null && value instanceof native.NativeBlock)) {
      const block = value as InstanceType<Twins['NativeBlock']>;
      return { value: { byteLength: block.byteLength, checksum: block.checksum() } };
    }
    return { value };
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}

const bytes = Buffer.from('123456789');
const columns = (): [BigUint64Array, Float64Array, Uint32Array, Uint16Array, Uint16Array] => {
  const c = allocColumns(3);
  c.timestamp.set([1n, 2n ** 60n, 3n]);
  c.value.set([0.5, -0, Number.NaN]);
  c.id.set([7, 8, 9]);
  return [c.timestamp, c.value, c.id, c.kind, c.flags];
};

/** One optional parameter: the call with the required arguments, then the optional value. */
interface Optional {
  name: string;
  call: (impl: Twins, ...optional: unknown[]) => unknown;
  /** Wrong values beside the common ones (booleans for numbers, numbers for booleans). */
  kind: 'number' | 'boolean' | 'signal';
}

const optionals: Optional[] = [
  { name: 'crc32Sync initial', kind: 'number', call: (i, ...o) => i.crc32Sync(bytes, ...(o as [number])) },
  { name: 'crc32 initial', kind: 'number', call: (i, ...o) => i.crc32(bytes, ...(o as [number])) },
  {
    name: 'crc32 signal',
    kind: 'signal',
    call: (i, ...o) => i.crc32(bytes, 0, ...(o as [AbortSignal])),
  },
  {
    name: 'crc32Batch signal',
    kind: 'signal',
    call: (i, ...o) => i.crc32Batch([bytes], ...(o as [AbortSignal])),
  },
  {
    name: 'crc32BatchParallel signal',
    kind: 'signal',
    call: (i, ...o) => i.crc32BatchParallel([bytes], ...(o as [AbortSignal])),
  },
  {
    name: 'crc32Packed signal',
    kind: 'signal',
    call: (i, ...o) => i.crc32Packed(bytes, new Uint32Array([4, 9]), ...(o as [AbortSignal])),
  },
  {
    name: 'encodeRecordArrays count',
    kind: 'number',
    call: (i, ...o) => i.encodeRecordArrays(...columns(), ...(o as [number])),
  },
  {
    name: 'encodeRecordArraysInto count',
    kind: 'number',
    call: (i, ...o) => i.encodeRecordArraysInto(...columns(), new Uint8Array(72), ...(o as [number])),
  },
  {
    name: 'recordArraysToCsv count',
    kind: 'number',
    call: (i, ...o) => i.recordArraysToCsv(...columns(), ...(o as [number])),
  },
  {
    name: 'NativeBlock reportExternal',
    kind: 'boolean',
    call: (i, ...o) => new i.NativeBlock(16, ...(o as [boolean])),
  },
];

const wrong: Record<Optional['kind'], unknown[]> = {
  number: [null, true, '1', {}, [], 1n, Symbol('s'), -1, 1.5, 2 ** 32, Number.NaN, Infinity],
  boolean: [null, 0, 1, 'true', {}, 1n, Symbol('s')],
  signal: [null, false, 0, 'signal', {}, new AbortController(), Symbol('s')],
};

describe.skipIf(native === null)('optional parameters: native ≡ js', () => {
  it('covers every optional parameter the binding declares', () => {
    // index.d.ts is generated from the Rust signatures: each `name?:` there needs a row above.
    const declared: string[] = [];
    let owner = '';
    for (const line of readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8').split('\n')) {
      owner = /(?:class|function) (\w+)/.exec(line)?.[1] ?? owner;
      for (const [, param] of line.matchAll(/(\w+)\?:/g)) declared.push(`${owner} ${param}`);
    }
    expect(declared.sort()).toEqual(optionals.map((o) => o.name).sort());
  });

  for (const { name, call, kind } of optionals) {
    it(`${name}: undefined means absent and null or a wrong type fails alike`, async () => {
      const omitted = await outcome(() => call(binding!));
      expect(omitted).toHaveProperty('value');
      expect(await outcome(() => call(js))).toEqual(omitted);
      expect(await outcome(() => call(binding!, undefined))).toEqual(omitted);
      expect(await outcome(() => call(js, undefined))).toEqual(omitted);
      for (const bad of wrong[kind]) {
        const label = `${name} = ${String(bad)}`;
        const got = await outcome(() => call(binding!, bad));
        expect(got, label).toEqual(await outcome(() => call(js, bad)));
        // A signal may be null (an explicit "no signal"); every other optional value may not.
        if (kind === 'signal' && bad === null) expect(got, label).toEqual(omitted);
        else expect(got, label).toHaveProperty('error');
      }
    });
  }

  it('crc32Sync(data, null) throws a TypeError, as zlib.crc32 does', () => {
    expect(() => zlib.crc32(bytes, null as unknown as number)).toThrow(TypeError);
    expect(() => native!.crc32Sync(bytes, null as unknown as number)).toThrow(TypeError);
    expect(() => js.crc32Sync(bytes, null as unknown as number)).toThrow(TypeError);
  });
});
