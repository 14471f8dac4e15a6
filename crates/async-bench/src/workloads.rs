//! The four workloads, as async functions run inside a tokio runtime. Each returns what the
//! benchmark checks before timing (counts, sums, echoed bytes), so a broken workload cannot be
//! timed. The Node twins are in `benchmark/lab/event-loop-vs-tokio.ts`.

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Sum of `0..n`: what [`spawn_join`] and [`channel`] must return.
pub fn sum_below(n: usize) -> u64 {
  let n = n as u64;
  n * n.saturating_sub(1) / 2
}

/// Spawns `n` tasks, each returning its index, and awaits them in order (as `Promise.all` does);
/// returns the sum of their results.
pub async fn spawn_join(n: usize) -> u64 {
  let mut handles: Vec<JoinHandle<u64>> = Vec::with_capacity(n);
  for i in 0..n {
    handles.push(tokio::spawn(async move { i as u64 }));
  }
  let mut sum = 0;
  for h in handles {
    // A task that returns a number cannot panic; a JoinError here is a broken runtime.
    sum += h.await.expect("spawned task failed");
  }
  sum
}

/// Capacity of the bounded channel; the Node forms use the same bound (`highWaterMark`).
pub const CHANNEL_CAPACITY: usize = 1024;

/// What the consumer of [`channel`] saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
  pub count: u64,
  pub sum: u64,
}

/// A producer task sends `0..n` through a bounded `mpsc` channel ([`CHANNEL_CAPACITY`]) and this
/// task receives them all: the count and sum received.
pub async fn channel(n: usize) -> Received {
  let (tx, mut rx) = mpsc::channel::<u64>(CHANNEL_CAPACITY);
  let producer = tokio::spawn(async move {
    for i in 0..n as u64 {
      if tx.send(i).await.is_err() {
        break;
      }
    }
  });
  let mut got = Received { count: 0, sum: 0 };
  while let Some(v) = rx.recv().await {
    got.count += 1;
    got.sum += v;
  }
  producer.await.expect("producer task failed");
  got
}

/// How a timer task gives way: `yield_now` (back of the run queue, the `setImmediate` analogue)
/// or a zero-length `sleep` (through the timer wheel, the `setTimeout(0)` analogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hop {
  YieldNow,
  SleepZero,
}

/// Spawns `n` tasks that each hop once through the scheduler (`hop`) and joins them: the count
/// of tasks that completed.
pub async fn timers(n: usize, hop: Hop) -> u64 {
  let mut handles: Vec<JoinHandle<u64>> = Vec::with_capacity(n);
  for _ in 0..n {
    handles.push(tokio::spawn(async move {
      match hop {
        Hop::YieldNow => tokio::task::yield_now().await,
        Hop::SleepZero => tokio::time::sleep(Duration::ZERO).await,
      }
      1
    }));
  }
  let mut done = 0;
  for h in handles {
    done += h.await.expect("timer task failed");
  }
  done
}

/// Bytes per echo message (the Node form sends the same).
pub const MESSAGE_BYTES: usize = 64;
/// Messages each client sends, one after another, per op of the TCP echo.
pub const MESSAGES_PER_OP: usize = 8;

/// The message client `client` sends as its `seq`-th: both numbers, then a fixed pattern.
pub fn message(client: u64, seq: u64) -> [u8; MESSAGE_BYTES] {
  let mut m = [0u8; MESSAGE_BYTES];
  m[..8].copy_from_slice(&client.to_le_bytes());
  m[8..16].copy_from_slice(&seq.to_le_bytes());
  let low = client.to_le_bytes()[0];
  for (b, i) in m[16..].iter_mut().zip(0u8..) {
    *b = i.wrapping_mul(31).wrapping_add(low);
  }
  m
}

/// Echoes everything read back to the peer until it closes.
async fn echo(mut sock: TcpStream) -> io::Result<()> {
  let mut buf = vec![0u8; 16 * 1024];
  loop {
    let n = sock.read(&mut buf).await?;
    if n == 0 {
      return Ok(());
    }
    sock.write_all(&buf[..n]).await?;
  }
}

/// An echo server on loopback and `clients` connections to it, all on the current runtime.
pub struct EchoBench {
  clients: Vec<(u64, TcpStream)>,
  seq: u64,
  server: JoinHandle<()>,
}

/// One client's part of a round: `k` messages sent and echoed one after another.
/// Returns the stream and the bytes echoed correctly.
async fn client_round(
  id: u64,
  mut sock: TcpStream,
  first_seq: u64,
  k: usize,
  mut rtts: Option<&mut Vec<u64>>,
) -> io::Result<(u64, TcpStream, u64)> {
  let mut reply = [0u8; MESSAGE_BYTES];
  let mut ok = 0;
  for j in 0..k as u64 {
    let m = message(id, first_seq + j);
    let t0 = Instant::now();
    sock.write_all(&m).await?;
    sock.read_exact(&mut reply).await?;
    if let Some(r) = rtts.as_deref_mut() {
      r.push(u64::try_from(t0.elapsed().as_nanos()).unwrap_or(u64::MAX));
    }
    if reply == m {
      ok += MESSAGE_BYTES as u64;
    }
  }
  Ok((id, sock, ok))
}

impl EchoBench {
  /// Starts the server on `127.0.0.1:0` and connects `clients` clients (Nagle off on both ends).
  pub async fn start(clients: usize) -> io::Result<Self> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr: SocketAddr = listener.local_addr()?;
    let server = tokio::spawn(async move {
      while let Ok((sock, _)) = listener.accept().await {
        if sock.set_nodelay(true).is_ok() {
          tokio::spawn(async move {
            // A reset by a closing client ends this connection only.
            let _ = echo(sock).await;
          });
        }
      }
    });
    let mut conns = Vec::with_capacity(clients);
    for id in 0..clients as u64 {
      let sock = TcpStream::connect(addr).await?;
      sock.set_nodelay(true)?;
      conns.push((id, sock));
    }
    Ok(EchoBench {
      clients: conns,
      seq: 0,
      server,
    })
  }

  /// One op: every client sends [`MESSAGES_PER_OP`] messages one after another, all clients at
  /// once (one task each). Returns the bytes echoed back unchanged.
  pub async fn round(&mut self) -> io::Result<u64> {
    let first = self.seq;
    self.seq += MESSAGES_PER_OP as u64;
    let handles: Vec<_> = std::mem::take(&mut self.clients)
      .into_iter()
      .map(|(id, sock)| tokio::spawn(client_round(id, sock, first, MESSAGES_PER_OP, None)))
      .collect();
    let mut total = 0;
    for h in handles {
      let (id, sock, ok) = h.await.map_err(io::Error::other)??;
      self.clients.push((id, sock));
      total += ok;
    }
    Ok(total)
  }

  /// Free-running clients for `duration`: each sends, awaits its echo and sends again. Returns
  /// every round-trip time (ns) and the wall time.
  pub async fn latency(&mut self, duration: Duration) -> io::Result<(Vec<u64>, Duration)> {
    let deadline = Instant::now() + duration;
    let t0 = Instant::now();
    let first = self.seq;
    self.seq += 1 << 32;
    let handles: Vec<_> = std::mem::take(&mut self.clients)
      .into_iter()
      .map(|(id, mut sock)| {
        tokio::spawn(async move {
          let mut rtts = Vec::new();
          let mut seq = first;
          while Instant::now() < deadline {
            let (_, s, ok) = client_round(id, sock, seq, 1, Some(&mut rtts)).await?;
            sock = s;
            seq += 1;
            if ok != MESSAGE_BYTES as u64 {
              return Err(io::Error::other("echo differs from the message sent"));
            }
          }
          Ok::<_, io::Error>((id, sock, rtts))
        })
      })
      .collect();
    let mut all = Vec::new();
    for h in handles {
      let (id, sock, rtts) = h.await.map_err(io::Error::other)??;
      self.clients.push((id, sock));
      all.extend(rtts);
    }
    Ok((all, t0.elapsed()))
  }

  /// Closes the clients and stops the server.
  pub fn stop(self) {
    drop(self.clients);
    self.server.abort();
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  fn current() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
      .enable_all()
      .build()
      .unwrap()
  }

  fn multi() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
      .worker_threads(2)
      .enable_all()
      .build()
      .unwrap()
  }

  #[test]
  fn spawn_join_sums_every_task() {
    for rt in [current(), multi()] {
      for n in [0, 1, 10, 10_000] {
        assert_eq!(rt.block_on(spawn_join(n)), sum_below(n));
      }
    }
  }

  #[test]
  fn channel_delivers_every_message_once() {
    for rt in [current(), multi()] {
      for n in [0, 1, CHANNEL_CAPACITY + 1, 100_000] {
        let got = rt.block_on(channel(n));
        assert_eq!(
          got,
          Received {
            count: n as u64,
            sum: sum_below(n)
          }
        );
      }
    }
  }

  #[test]
  fn every_timer_task_completes() {
    for rt in [current(), multi()] {
      for hop in [Hop::YieldNow, Hop::SleepZero] {
        assert_eq!(rt.block_on(timers(1000, hop)), 1000);
      }
    }
  }

  #[test]
  fn echo_returns_every_byte() {
    for rt in [current(), multi()] {
      rt.block_on(async {
        let mut bench = EchoBench::start(4).await.unwrap();
        for _ in 0..3 {
          let bytes = bench.round().await.unwrap();
          assert_eq!(bytes, (4 * MESSAGES_PER_OP * MESSAGE_BYTES) as u64);
        }
        let (rtts, wall) = bench.latency(Duration::from_millis(20)).await.unwrap();
        assert!(!rtts.is_empty());
        assert!(wall >= Duration::from_millis(20));
        bench.stop();
      });
    }
  }

  #[test]
  fn messages_differ_by_client_and_sequence() {
    assert_ne!(message(0, 0), message(1, 0));
    assert_ne!(message(0, 0), message(0, 1));
  }
}
