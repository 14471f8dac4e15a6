/** Builds request bodies for the ingest service: records plus a CRC-32 trailer. */
import { RECORD_SIZE, allocColumns, crc32Sync, encodeRecords } from '../../src/index.js';

/** A valid body of about `bytes` bytes (whole records + 4-byte trailer), deterministic. */
export function makeBody(bytes: number, seed = 1): Buffer {
  const count = Math.max(1, Math.floor((bytes - 4) / RECORD_SIZE));
  const columns = allocColumns(count);
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    columns.timestamp[i] = 1_700_000_000_000n + BigInt(i);
    columns.value[i] = (x % 100_000) / 100;
    columns.id[i] = i;
    columns.kind[i] = x % 7;
    columns.flags[i] = 0;
  }
  const records = encodeRecords(columns);
  const body = Buffer.alloc(records.length + 4);
  records.copy(body);
  body.writeUInt32LE(crc32Sync(records), records.length);
  return body;
}

/** Bodies the service must refuse, with the status each must get. */
export function invalidBodies(
  valid: Buffer,
  maxBodyBytes: number,
): Array<{ name: string; body: Buffer; type: string; status: number }> {
  const badChecksum = Buffer.from(valid);
  badChecksum.writeUInt32LE(
    (badChecksum.readUInt32LE(badChecksum.length - 4) ^ 1) >>> 0,
    badChecksum.length - 4,
  );
  return [
    {
      name: 'truncated record',
      body: valid.subarray(0, valid.length - 7),
      type: 'application/octet-stream',
      status: 400,
    },
    { name: 'bad checksum', body: badChecksum, type: 'application/octet-stream', status: 422 },
    {
      name: 'oversized',
      body: Buffer.alloc(maxBodyBytes + 1),
      type: 'application/octet-stream',
      status: 413,
    },
    { name: 'wrong content type', body: valid, type: 'text/plain', status: 415 },
  ];
}
