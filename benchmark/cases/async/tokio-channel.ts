/**
 * `async/tokio-channel`: a producer task passes N numbers to a consumer. Node: an async generator
 * with `for await` (traditional), a bounded channel shaped like tokio's mpsc (Rust-inspired), and
 * an object-mode `stream.Readable` (built-in); Rust: a bounded `tokio::sync::mpsc` channel. Every
 * bounded form holds at most 1,024 messages.
 */
import { defineCase } from '../../engine/case.js';
import {
  channelAsyncGenerator,
  channelBounded,
  channelReadable,
  checkChannel,
} from '../../lab/event-loop-vs-tokio.js';

interface State {
  n: number;
}

export const benchCase = defineCase<State>({
  id: 'async/tokio-channel',
  pattern: 'Channels: async queues vs tokio mpsc',
  mechanism:
    'tokio mpsc hands values between tasks through a preallocated block list without waking the OS; JS queues pay promise resolutions per message (a guess).',
  questions: [{ question: 2, answers: [{ challenger: 'traditional', incumbent: 'rust' }] }],
  rustForm: 'tokio',
  description:
    'N messages from a producer task to a consumer: async generator, bounded channel, stream.Readable (Node) vs tokio mpsc (rust)',
  unit: 'elements',
  sizes: { quick: [1_000, 10_000], full: [100, 100_000] },
  async: true,
  setup: (n) => ({ n }),
  traditional: (s) => channelAsyncGenerator(s.n),
  rustInspired: (s) => channelBounded(s.n),
  builtins: { 'stream.Readable': (s) => channelReadable(s.n) },
  check: (results, s) => {
    for (const [form, got] of Object.entries(results)) checkChannel(form, s.n, got);
  },
});
