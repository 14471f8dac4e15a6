import type { AddressInfo } from 'node:net';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { invalidBodies, makeBody } from '../examples/service/body.js';
import { createService, hotPaths, type KindStats } from '../examples/service/server.js';
import { RECORD_SIZE, decodeRecords } from '../src/index.js';

const MAX = 256 * 1024;

function expectedAggregate(body: Buffer): Record<string, KindStats> {
  const columns = decodeRecords(body.subarray(0, body.length - 4));
  const out: Record<string, KindStats> = {};
  columns.kind.forEach((k, i) => {
    const v = columns.value[i]!;
    const s = (out[String(k)] ??= { count: 0, sum: 0, min: Infinity, max: -Infinity });
    s.count++;
    s.sum += v;
    s.min = Math.min(s.min, v);
    s.max = Math.max(s.max, v);
  });
  return out;
}

describe.each(hotPaths)('ingest service (%s path)', (path) => {
  let url = '';
  let shutdown: () => Promise<void>;

  beforeAll(async () => {
    const service = createService({ path, maxBodyBytes: MAX });
    shutdown = service.shutdown;
    await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
  });
  afterAll(() => shutdown());

  const post = (body: Uint8Array, type = 'application/octet-stream') =>
    fetch(`${url}/ingest`, { method: 'POST', body, headers: { 'content-type': type } });

  it('aggregates valid bodies of any size per kind', async () => {
    for (const seed of fc.sample(fc.integer({ min: 1, max: 1e6 }), { numRuns: 20, seed: 7 })) {
      const body = makeBody(28 + (seed % 40_000), seed);
      const res = await post(body);
      expect(res.status).toBe(200);
      const json = (await res.json()) as { records: number; kinds: Record<string, KindStats> };
      expect(json.records).toBe((body.length - 4) / RECORD_SIZE);
      expect(json.kinds).toEqual(expectedAggregate(body));
    }
  });

  it('refuses bad bodies with the right 4xx and keeps serving', async () => {
    const valid = makeBody(4096);
    for (const bad of invalidBodies(valid, MAX)) {
      const res = await post(bad.body, bad.type);
      expect(res.status, bad.name).toBe(bad.status);
      expect(((await res.json()) as { error: string }).error.length, bad.name).toBeGreaterThan(0);
    }
    expect((await post(valid)).status).toBe(200);
    const health = await fetch(`${url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', path });
  });

  it('reports metrics', async () => {
    const m = (await (await fetch(`${url}/metrics`)).json()) as Record<string, unknown>;
    expect(m.path).toBe(path);
    expect(m.requests).toBeGreaterThan(0);
    expect(m.clientErrors).toBeGreaterThanOrEqual(4);
    expect(m.serverErrors).toBe(0);
    expect(m).toHaveProperty('eventLoopDelayMs.p99');
    expect(m).toHaveProperty('memory.rss');
  });
});
