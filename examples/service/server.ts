/**
 * A small HTTP ingest service built on rust-patterns' primitives.
 *
 *   node --import tsx examples/service/server.ts [--path js|native|native-async|auto] [--port 3000]
 *
 * POST /ingest takes a body of 24-byte records (see `RECORD_LAYOUT`) followed by a 4-byte
 * little-endian CRC-32 of the records, decodes it without copying, verifies the checksum, and
 * returns per-`kind` aggregates (count, sum, min, max of `value`). GET /health and GET /metrics
 * report liveness and load. SIGTERM stops accepting, finishes in-flight requests and exits 0.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import {
  RECORD_SIZE,
  allocColumns,
  crc32Sync,
  decodeRecordsInto,
  js,
  native,
  type RecordColumns,
} from '../../src/index.js';

/** Which implementation does the hot work (checksum + decode). */
export type HotPath = 'js' | 'native' | 'native-async' | 'auto';
export const hotPaths: readonly HotPath[] = ['js', 'native', 'native-async', 'auto'];

export interface ServiceOptions {
  path: HotPath;
  /** Largest accepted body in bytes (413 above it). */
  maxBodyBytes: number;
}

/** Per-kind aggregate of `value`. */
export interface KindStats {
  count: number;
  sum: number;
  min: number;
  max: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Verifies the CRC-32 trailer on the chosen path; resolves to the records part. */
async function verified(body: Buffer, path: HotPath): Promise<Buffer> {
  if (body.length < 4 || (body.length - 4) % RECORD_SIZE !== 0) {
    const records = Math.max(0, body.length - 4);
    throw new HttpError(
      400,
      `truncated body: ${records} bytes of records is not a multiple of ${RECORD_SIZE} ` +
        `(the record at byte offset ${records - (records % RECORD_SIZE)} is incomplete)`,
    );
  }
  const records = body.subarray(0, body.length - 4);
  const expected = body.readUInt32LE(body.length - 4);
  let actual: number;
  if (path === 'js' || native === null) actual = js.crc32Sync(records);
  else if (path === 'native') actual = native.crc32Sync(records);
  else if (path === 'native-async') actual = await native.crc32(records);
  else actual = crc32Sync(records);
  if (actual !== expected) {
    throw new HttpError(422, `checksum mismatch: trailer says ${expected}, records hash to ${actual}`);
  }
  return records;
}

/** Decodes into `columns` (reused: decode and aggregate run in one synchronous step). */
function decode(records: Buffer, columns: RecordColumns, path: HotPath): number {
  const { timestamp, value, id, kind, flags } = columns;
  if (path === 'js' || native === null)
    return js.decodeRecordArraysInto(records, timestamp, value, id, kind, flags);
  if (path === 'auto') return decodeRecordsInto(records, columns);
  return native.decodeRecordArraysInto(records, timestamp, value, id, kind, flags);
}

function aggregate(columns: RecordColumns, count: number): Record<string, KindStats> {
  const byKind = new Map<number, KindStats>();
  const { value, kind } = columns;
  for (let i = 0; i < count; i++) {
    const k = kind[i]!;
    const v = value[i]!;
    const s = byKind.get(k);
    if (s === undefined) byKind.set(k, { count: 1, sum: v, min: v, max: v });
    else {
      s.count++;
      s.sum += v;
      if (v < s.min) s.min = v;
      if (v > s.max) s.max = v;
    }
  }
  return Object.fromEntries([...byKind].sort((a, b) => a[0] - b[0]).map(([k, s]) => [String(k), s]));
}

/** Reads a request body up to `max` bytes; beyond it drains the rest and throws 413. */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    // One allocation of the declared size when the length is known and acceptable.
    let buffer = Number.isInteger(declared) && declared <= max ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number.isInteger(declared) && declared > max;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > max) tooLarge = true;
      if (tooLarge) return; // drain without keeping the bytes, so the connection stays usable
      if (buffer !== null && received <= buffer.length) chunk.copy(buffer, received - chunk.length);
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return reject(new HttpError(413, `body over the ${max}-byte limit`));
      if (buffer !== null && chunks.length === 0 && received === buffer.length) return resolve(buffer);
      buffer = null;
      resolve(Buffer.concat(chunks, received));
    });
    req.on('error', reject);
  });
}

/** Creates the service (not yet listening). */
export function createService(options: ServiceOptions): {
  server: http.Server;
  shutdown: () => Promise<void>;
} {
  const columns = allocColumns(Math.floor(options.maxBodyBytes / RECORD_SIZE));
  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  const counters = { requests: 0, ok: 0, clientErrors: 0, serverErrors: 0, inFlight: 0 };

  const send = (res: http.ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    if (status >= 500) counters.serverErrors++;
    else if (status >= 400) counters.clientErrors++;
    else counters.ok++;
  };

  async function ingest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/octet-stream') {
      req.resume();
      await new Promise((resolve) => req.on('end', resolve));
      throw new HttpError(415, 'content-type must be application/octet-stream');
    }
    const body = await readBody(req, options.maxBodyBytes);
    const records = await verified(body, options.path);
    const count = decode(records, columns, options.path);
    send(res, 200, { records: count, kinds: aggregate(columns, count) });
  }

  const server = http.createServer((req, res) => {
    counters.requests++;
    counters.inFlight++;
    res.on('close', () => counters.inFlight--);
    const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    const work =
      route === 'POST /ingest'
        ? ingest(req, res)
        : route === 'GET /health'
          ? Promise.resolve(send(res, 200, { status: 'ok', path: options.path }))
          : route === 'GET /metrics'
            ? Promise.resolve(
                send(res, 200, {
                  path: options.path,
                  implementation: native === null ? 'js' : 'native',
                  ...counters,
                  eventLoopDelayMs: {
                    p50: eld.percentile(50) / 1e6,
                    p99: eld.percentile(99) / 1e6,
                    max: eld.max / 1e6,
                  },
                  memory: process.memoryUsage(),
                }),
              )
            : Promise.reject(new HttpError(404, `no route ${route}`));
    work.catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof HttpError) send(res, error.status, { error: error.message });
      else send(res, 500, { error: 'internal error' });
    });
  });
  server.keepAliveTimeout = 5000;

  const shutdown = (): Promise<void> =>
    new Promise((resolve) => {
      eld.disable();
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  return { server, shutdown };
}

function parse(): { path: HotPath; port: number; host: string; maxBodyBytes: number } {
  const { values } = parseArgs({
    options: {
      path: { type: 'string', default: process.env.SERVICE_PATH ?? 'auto' },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      'max-body': { type: 'string', default: String(8 * 1024 * 1024) },
    },
  });
  const path = values.path as HotPath;
  if (!hotPaths.includes(path)) throw new Error(`--path must be one of ${hotPaths.join(', ')}`);
  return { path, port: Number(values.port), host: values.host, maxBodyBytes: Number(values['max-body']) };
}

if (require.main === module) {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  const { server, shutdown } = createService({ path: args.path, maxBodyBytes: args.maxBodyBytes });
  server.listen(args.port, args.host, () => {
    const { port } = server.address() as AddressInfo;
    // The first line is machine-readable, for the load test and the tests.
    process.stdout.write(`${JSON.stringify({ listening: port, path: args.path })}\n`);
  });
  process.once('SIGTERM', () => {
    void shutdown().then(() => process.exit(0));
  });
}
