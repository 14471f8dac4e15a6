/**
 * The server child of `async/batched-concurrency` (started by `startWorkServer` in http-work.ts):
 * answers `GET /<i>` with `requestWork(i)` on one thread, counts accepted connections, and exits
 * as soon as its parent's IPC channel closes, so a parent that dies never leaves it behind.
 */
import { createServer } from 'node:http';

import { requestWork, type ServerMessage } from './http-work.js';

let connections = 0;
const server = createServer((req, res) => {
  const i = Number((req.url ?? '').slice(1));
  if (!Number.isInteger(i) || i < 0) {
    res.writeHead(400).end('bad item');
    return;
  }
  const body = String(requestWork(i));
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.on('connection', () => connections++);
// Idle keep-alive sockets stay open until the client closes them: a server-side timeout closing
// a socket just as the agent reuses it fails that request with "socket hang up".
server.keepAliveTimeout = 0;

const send = (m: ServerMessage): void => void process.send?.(m);
process.on('message', (m: { type: string }) => {
  if (m.type === 'connections') send({ type: 'connections', count: connections });
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  send({ type: 'listening', port: address.port });
});
