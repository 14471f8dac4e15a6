import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { defaultThresholds, loadThresholds, thresholds, thresholdsFile } from '../src/thresholds.js';

const dir = mkdtempSync(join(tmpdir(), 'rp-thresholds-'));

function file(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

describe('thresholds.json', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('the committed file loads without warnings and sets every field', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const { values, source } = loadThresholds(thresholdsFile);
    expect(warn).not.toHaveBeenCalled();
    expect(source.origin).toBe('file');
    expect(Object.keys(values).sort()).toEqual(Object.keys(defaultThresholds).sort());
    expect(thresholds).toEqual(values);
  });

  it('is read-only: the values in use and the defaults are frozen', () => {
    expect(Object.isFrozen(thresholds)).toBe(true);
    expect(Object.isFrozen(defaultThresholds)).toBe(true);
    const before = thresholds.crc32NativeMinBytes;
    expect(() => {
      (thresholds as { crc32NativeMinBytes: number }).crc32NativeMinBytes = 1;
    }).toThrow(TypeError);
    expect(thresholds.crc32NativeMinBytes).toBe(before);
  });

  it.each([
    ['unparsable JSON', '{ "thresholds": '],
    ['a JSON array', '[1, 2]'],
    ['no thresholds object', '{ "date": "2026-01-01" }'],
  ])('%s falls back to the defaults with a warning', (_name, body) => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const { values, source } = loadThresholds(file('bad.json', body));
    expect(values).toEqual(defaultThresholds);
    expect(source.origin).toBe('defaults');
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toMatch(/using built-in size thresholds/);
  });

  it('a missing file falls back to the defaults with a warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const { values } = loadThresholds(join(dir, 'absent.json'));
    expect(values).toEqual(defaultThresholds);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('invalid fields fall back one by one; missing and unknown fields are not errors', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const body = JSON.stringify({
      date: '2026-01-01T00:00:00.000Z',
      machine: { cpu_model: 'Test CPU' },
      thresholds: { crc32NativeMinBytes: 4096, countByteNativeMinBytes: -1, fromTheFuture: 7 },
    });
    const { values, source } = loadThresholds(file('partial.json', body));
    expect(values.crc32NativeMinBytes).toBe(4096);
    expect(values.countByteNativeMinBytes).toBe(defaultThresholds.countByteNativeMinBytes);
    expect(values.xorNativeMinBytes).toBe(defaultThresholds.xorNativeMinBytes);
    expect(values).not.toHaveProperty('fromTheFuture');
    expect(source).toMatchObject({ origin: 'file', date: '2026-01-01T00:00:00.000Z', machine: 'Test CPU' });
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toMatch(/countByteNativeMinBytes/);
  });
});
