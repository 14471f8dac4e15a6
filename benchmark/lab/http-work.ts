/**
 * The contended resource of `async/batched-concurrency`: a local `node:http` server in a child
 * process (its CPU apart from the client's event loop) that does a fixed amount of CPU work per
 * request, and the client side: a keep-alive agent per form, one GET per item, and the
 * per-request latencies and connection counts the case reports as metrics.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, get } from 'node:http';

import { labExecArgv, labScript } from './spawn.js';

/**
 * xorshift rounds per request: tens of microseconds of server CPU on a current x86 core, the
 * order of a small JSON endpoint, so that requests contend for the server's one thread.
 */
export const WORK_ROUNDS = 5_000;

/** The server's answer for item `i`: a fixed amount of dependent integer work. */
export function requestWork(i: number): number {
  let x = (i + 1) | 0;
  for (let r = 0; r < WORK_ROUNDS; r++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x >>> 0;
}

/** What the server child sends over IPC. */
export type ServerMessage = { type: 'listening'; port: number } | { type: 'connections'; count: number };

/** A running server child; `stop` kills it (also when this process exits). */
export interface WorkServer {
  port: number;
  /** TCP connections the server has accepted so far. */
  connections: () => Promise<number>;
  stop: () => Promise<void>;
}

/** Forks the server child and waits until it listens on a loopback port. */
export function startWorkServer(): Promise<WorkServer> {
  const child: ChildProcess = fork(labScript('http-work-server'), [], {
    execArgv: [...labExecArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const killOnExit = (): void => void child.kill();
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited;
  };
  return new Promise((resolve, reject) => {
    let ready = false;
    const fail = (e: Error): void => {
      if (ready) return;
      ready = true;
      void stop().then(() => reject(e));
    };
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`http work server exited (${code ?? signal})`)));
    child.once('message', (m: ServerMessage) => {
      if (m.type !== 'listening') return fail(new Error(`http work server sent ${m.type} first`));
      ready = true;
      const connections = (): Promise<number> =>
        new Promise((done) => {
          const onCount = (reply: ServerMessage): void => {
            if (reply.type !== 'connections') return;
            child.off('message', onCount);
            done(reply.count);
          };
          child.on('message', onCount);
          child.send({ type: 'connections' });
        });
      resolve({ port: m.port, connections, stop });
    });
  });
}

/** A keep-alive agent with Node's defaults otherwise (no socket cap, 256 idle sockets kept). */
export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true });
}

/**
 * GETs `/<i>` and resolves to the number in the body. `latencies`, when given, receives the
 * request's time from this call to the end of the body, in ms.
 */
export function fetchWork(port: number, agent: Agent, i: number, latencies?: number[]): Promise<number> {
  const start = latencies ? performance.now() : 0;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: `/${i}`, agent }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (latencies) latencies.push(performance.now() - start);
        if (res.statusCode !== 200) reject(new Error(`GET /${i}: ${res.statusCode} ${body}`));
        else resolve(Number(body));
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}
