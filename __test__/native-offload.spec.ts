import { caseContext } from '../benchmark/engine/case.js';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { crc32Batch, crc32BatchSync, crc32Packed, js, loadError, native, packInputs } from '../src/index.js';
import { benchCase as offloadCase } from '../benchmark/cases/async/native-offload.js';
import { checkForms, formsOf } from '../benchmark/engine/runner.js';
import { byteViews, detachedView, detachingSignal, implementations, notBytes } from './helpers.js';

/** node:zlib as the reference (see checksum.spec.ts for why empty input is special-cased). */
const reference = (list: Uint8Array[]): Uint32Array =>
  Uint32Array.from(list, (d) => (d.length === 0 ? 0 : zlib.crc32(d)));

const lists = (maxLength = 40, maxBytes = 512): fc.Arbitrary<Uint8Array[]> =>
  fc.array(byteViews(maxBytes), { maxLength });

describe.each(implementations)('crc32 batch (%s)', (name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('gives one CRC-32 per input, in order, and an empty result for an empty list', () => {
    expect(impl.crc32BatchSync([Buffer.from('123456789'), new Uint8Array(0)])).toEqual(
      new Uint32Array([0xcbf43926, 0]),
    );
    expect(impl.crc32BatchSync([])).toEqual(new Uint32Array(0));
  });

  it('equals node:zlib and the JS twin on random lists of empty, odd and unaligned views', () => {
    fc.assert(
      fc.property(lists(), (list) => {
        const got = impl.crc32BatchSync(list);
        expect(got).toEqual(reference(list));
        expect(got).toEqual(js.crc32BatchSync(list));
      }),
      { numRuns: 1000 },
    );
  });

  it('async and parallel forms equal the sync form', async () => {
    await fc.assert(
      fc.asyncProperty(lists(200, 2048), async (list) => {
        const expected = impl.crc32BatchSync(list);
        expect(await impl.crc32Batch(list)).toEqual(expected);
        expect(await impl.crc32BatchParallel(list)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('reads SharedArrayBuffer-backed views', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(12));
    shared.set(Buffer.from('xx123456789'), 1);
    expect(await impl.crc32Batch([shared.subarray(3)])).toEqual(new Uint32Array([0xcbf43926]));
  });

  it('10,000 concurrent async calls all settle with correct results', async () => {
    const inputs = Array.from({ length: 10_000 }, (_, i) => [
      Buffer.from(`payload-${i}`),
      Buffer.from(`${i}`),
    ]);
    const results = await Promise.all(
      inputs.map((list, i) => (i % 2 === 0 ? impl.crc32Batch(list) : impl.crc32BatchParallel(list))),
    );
    expect(results).toEqual(inputs.map(reference));
  });

  it('rejects with an AbortError when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const list = [Buffer.alloc(64)];
    await expect(impl.crc32Batch(list, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    await expect(impl.crc32BatchParallel(list, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('throws TypeError for a non-array, a bad element, a detached element or a bad signal', () => {
    for (const [label, bad] of notBytes()) {
      if (Array.isArray(bad)) continue;
      expect(() => impl.crc32BatchSync(bad as Uint8Array[]), label).toThrow(TypeError);
      expect(() => impl.crc32Batch(bad as Uint8Array[]), label).toThrow(TypeError);
      expect(() => impl.crc32BatchSync([Buffer.alloc(1), bad as Uint8Array]), label).toThrow(/inputs\[1\]/);
      expect(() => impl.crc32BatchParallel([bad as Uint8Array]), label).toThrow(TypeError);
    }
    expect(() => impl.crc32BatchSync([detachedView()])).toThrow(/detached/);
    expect(() => impl.crc32Batch([], {} as AbortSignal)).toThrow(TypeError);
  });

  it('reads the signal before the inputs: a getter that detaches an input gives a TypeError', () => {
    const input = (): Uint8Array => new Uint8Array(new ArrayBuffer(4096)).fill(7);
    for (const batch of [impl.crc32Batch, impl.crc32BatchParallel]) {
      const view = input();
      expect(() => batch([Buffer.from('first'), view], detachingSignal(view))).toThrow(
        /inputs\[1\] is backed by a detached ArrayBuffer/,
      );
      expect(view.byteLength).toBe(0);
    }
    const data = input();
    expect(() => impl.crc32Packed(data, new Uint32Array([4096]), detachingSignal(data))).toThrow(
      /data is backed by a detached ArrayBuffer/,
    );
  });

  it('packed form equals the list form, on unaligned data and empty ranges', async () => {
    await fc.assert(
      fc.asyncProperty(lists(), fc.nat(7), async (list, shift) => {
        const packed = packInputs(list);
        const backing = new Uint8Array(packed.data.length + shift);
        backing.set(packed.data, shift);
        const data = backing.subarray(shift);
        const expected = reference(list);
        expect(impl.crc32PackedSync(data, packed.ends)).toEqual(expected);
        expect(await impl.crc32Packed(data, packed.ends)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('packed form copies `ends` at the call: overwriting it while the task runs changes nothing', async () => {
    // Found by the binding fuzzer: with `ends` borrowed, the task read the caller's later writes
    // and rejected with a plain Error, or checksummed other ranges.
    const data = Buffer.from('123456789abcdef');
    const ends = new Uint32Array([9, 9, 15]);
    const expected = impl.crc32PackedSync(data, ends);
    const pending = Array.from({ length: 20 }, () => {
      const mine = ends.slice();
      const promise = impl.crc32Packed(data, mine);
      mine.fill(0xeeeeeeee);
      return promise;
    });
    for (const result of await Promise.all(pending)) expect(result).toEqual(expected);
    expect(expected).toEqual(new Uint32Array([0xcbf43926, 0, zlib.crc32(data.subarray(9))]));
  });
  it('packed form: RangeError for bad ends, TypeError for bad types, AbortError when aborted', async () => {
    const data = Buffer.from('abcdef');
    expect(() => impl.crc32PackedSync(data, new Uint32Array([4, 2]))).toThrow(RangeError);
    expect(() => impl.crc32PackedSync(data, new Uint32Array([4, 2]))).toThrow('ends[1] must not be smaller');
    expect(() => impl.crc32Packed(data, new Uint32Array([7]))).toThrow('ends[0] must not exceed data.length');
    expect(() => impl.crc32PackedSync(data, new Int32Array([1]) as unknown as Uint32Array)).toThrow(
      TypeError,
    );
    expect(() => impl.crc32PackedSync(data, undefined as unknown as Uint32Array)).toThrow(TypeError);
    for (const [label, bad] of notBytes()) {
      expect(() => impl.crc32PackedSync(bad as Uint8Array, new Uint32Array(0)), label).toThrow(TypeError);
    }
    await expect(impl.crc32Packed(data, new Uint32Array([6]), AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it(`${name}: an element accessor that throws propagates its error`, () => {
    const list = [Buffer.alloc(1)];
    Object.defineProperty(list, 1, {
      get() {
        throw new Error('getter ran');
      },
      enumerable: true,
    });
    expect(() => impl.crc32BatchSync(list)).toThrow('getter ran');
  });
});

describe('crc32 batch top-level', () => {
  it('agrees with the JS twin and honours an aborted signal', async () => {
    const list = fc.sample(byteViews(300), { numRuns: 64, seed: 7 });
    expect(crc32BatchSync(list)).toEqual(js.crc32BatchSync(list));
    expect(await crc32Batch(list)).toEqual(js.crc32BatchSync(list));
    await expect(crc32Batch(list, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(() => crc32Batch([1] as unknown as Uint8Array[], AbortSignal.abort())).toThrow(TypeError);
    const packed = packInputs(list);
    expect(await crc32Packed(packed.data, packed.ends)).toEqual(js.crc32BatchSync(list));
    await expect(crc32Packed(packed.data, packed.ends, AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('the process exits by itself promptly once all async work is done', async () => {
    const root = path.resolve(__dirname, '..');
    // No top-level `const Buffer` here: it would shadow the global that tsx's loader uses.
    const script = `
      const { crc32, crc32Batch, native } = require('./src/index.ts');
      const b = native ?? require('./src/index.ts').js;
      const lists = Array.from({ length: 2000 }, (_, i) => [Buffer.from('x' + i)]);
      Promise.all([
        ...lists.map((l) => crc32Batch(l)),
        ...lists.map((l) => b.crc32BatchParallel(l)),
        ...lists.map((l) => crc32(l[0])),
      ]).then((r) => process.stdout.write('done ' + r.length + '\\n'));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root });
    let out = '';
    let killer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // From the moment the work is done, the child gets 5 s to exit on its own.
      if (out.includes('done') && killer === undefined)
        killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('exit', (c, s) => resolve([c, s])),
    );
    clearTimeout(killer);
    expect(out.trim()).toBe('done 6000');
    expect(signal).toBeNull();
    expect(code).toBe(0);
  });
});

describe.skipIf(native === null)('async/native-offload case', () => {
  it('checks its forms equal, and measures the event-loop delay of each form with calls in flight', async () => {
    const state = await offloadCase.setup(16, caseContext());
    await checkForms(offloadCase, state);
    const taken = await offloadCase.processSamples!(state, 'quick');
    const keys = new Set(formsOf(offloadCase).map((f) => f.key));
    const names = Object.keys(taken);
    expect(names).toEqual(
      [
        'traditional',
        'rust_inspired',
        'native-sync',
        'native',
        'native-async-batch',
        'native-async-packed',
      ].map((k) => `eld_p99_ms:${k}`),
    );
    for (const [name, values] of Object.entries(taken)) {
      expect(keys.has(name.slice('eld_p99_ms:'.length)), name).toBe(true);
      // Three rounds, each a p99 in ms of a monitor whose idle reading is about its 1 ms resolution.
      expect(values, name).toHaveLength(3);
      for (const v of values) expect(v, name).toBeGreaterThan(0.5);
    }
  }, 60_000);
});
