/**
 * `concurrency/message-passing`: a payload's round trip to a worker by structured clone, by
 * transfer (moved there and back), or through a SharedArrayBuffer (only an index is sent).
 * Traditional clones the payload there and gets a number back (the sender keeps its copy);
 * `clone-round-trip` clones it there and back, the same two crossings as the transfer, so that
 * a fit of time against size over the four quick sizes (100 B to 16 MiB) gives clone's cost per
 * byte and crossing, and the transfer's and the shared index's fixed cost per round trip.
 */
import { transferable } from '../../../src/concurrency.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { Channel, serialized } from '../../lab/concurrency.js';

const KiB = 1024;
const MiB = 1024 * KiB;

const ECHO = `
const shared = new Uint8Array(workerData);
parentPort.on('message', (m) => {
  if (m.kind === 'sab') {
    parentPort.postMessage(m.length + shared[0] + shared[m.length - 1]);
  } else if (m.kind === 'clone') {
    const p = m.payload;
    parentPort.postMessage(p.length + p[0] + p[p.length - 1]);
  } else if (m.kind === 'clone-back') {
    const p = m.payload;
    parentPort.postMessage({ n: p.length + p[0] + p[p.length - 1], payload: p });
  } else {
    const p = m.payload;
    parentPort.postMessage({ n: p.length + p[0] + p[p.length - 1], payload: p }, [p.buffer]);
  }
});
`;

interface State {
  channel: Channel;
  cloned: Uint8Array;
  moved: Uint8Array;
  shared: Uint8Array;
}

export const benchCase = defineCase<State>({
  id: 'concurrency/message-passing',
  pattern: 'Message passing (transfer vs clone)',
  mechanism:
    "Cloning serializes and copies every byte on each crossing, transferring moves the backing store for a fixed cost, and a SharedArrayBuffer sends only an index, so only clone's cost grows with size.",
  questions: [{ question: 8, answers: ['rust_inspired_vs_traditional'] }],
  description:
    'Round trip of a payload to a worker: structured clone (there, and there and back) vs transfer (moved there and back) vs a SharedArrayBuffer (only an index is sent)',
  unit: 'bytes',
  sizes: { quick: [100, 64 * KiB, MiB, 16 * MiB], full: [KiB, 16 * KiB, 256 * KiB, 4 * MiB, 64 * MiB] },
  setup: (size) => {
    const shared = new Uint8Array(new SharedArrayBuffer(size));
    for (let i = 0; i < size; i++) shared[i] = (i * 31) & 0xff;
    const moved = new Uint8Array(size);
    moved.set(shared);
    return { channel: new Channel(ECHO, shared.buffer), cloned: Buffer.from(shared), moved, shared };
  },
  teardown: (s) => s.channel.close().then(() => undefined),
  async: true,
  traditional: serialized((s) => s.channel.request<number>({ kind: 'clone', payload: s.cloned })),
  rustInspired: serialized(async (s) => {
    const reply = await s.channel.request<{ n: number; payload: Uint8Array }>(
      { kind: 'transfer', payload: s.moved },
      [transferable(s.moved)],
    );
    s.moved = reply.payload;
    return reply.n;
  }),
  variants: {
    'clone-round-trip': serialized(async (s) => {
      const reply = await s.channel.request<{ n: number; payload: Uint8Array }>({
        kind: 'clone-back',
        payload: s.cloned,
      });
      if (reply.payload.byteLength !== s.cloned.byteLength) throw new Error('the clone came back short');
      return reply.n;
    }),
    'shared-index': serialized((s) => s.channel.request<number>({ kind: 'sab', length: s.shared.length })),
  },
  check: (results, s) => {
    if (s.moved.byteLength !== s.shared.byteLength) throw new Error('the moved buffer did not come back');
    allEqual(results);
  },
});
