//! What each fuzz target checks: the core's parser of untrusted bytes against a simple reference.
//!
//! Every reference is the slow, obvious form of the same rule: the JS twin's byte loop
//! transcribed to Rust (`src/utf8.ts`, `src/lines.ts`), `std::str::from_utf8` and `str::lines`,
//! a bit-at-a-time CRC-32, and a record decoder that assembles each field from its bytes with
//! shifts. A check panics (which libFuzzer reports as a crash) on any disagreement.
//!
//! This file has no libFuzzer dependency: `crates/core/tests/fuzz_inputs.rs` includes it to
//! replay the committed seeds and regression inputs under plain `cargo test` (and so under
//! AddressSanitizer, `scripts/asan.sh`).

use rust_patterns_core::{checksum, lines, records, utf8};

/// The JS twin's `validUpToKernel` (`src/utf8.ts`), transcribed: a byte loop with the same
/// rules as `std::str::from_utf8`. A read past the end (`b[i + 1]` is `undefined` in JS) fails
/// every range test, as `None` does here.
pub fn reference_valid_up_to(b: &[u8]) -> usize {
  let n = b.len();
  let at = |i: usize| b.get(i).copied();
  let cont = |i: usize| at(i).is_some_and(|x| x & 0xc0 == 0x80);
  let mut i = 0;
  while i < n {
    let c = b[i];
    if c < 0x80 {
      i += 1;
      continue;
    }
    if (0xc2..=0xdf).contains(&c) {
      if cont(i + 1) {
        i += 2;
        continue;
      }
      return i;
    }
    if (0xe0..=0xef).contains(&c) {
      let lo = if c == 0xe0 { 0xa0 } else { 0x80 };
      let hi = if c == 0xed { 0x9f } else { 0xbf };
      if at(i + 1).is_some_and(|c1| (lo..=hi).contains(&c1)) && cont(i + 2) {
        i += 3;
        continue;
      }
      return i;
    }
    if (0xf0..=0xf4).contains(&c) {
      let lo = if c == 0xf0 { 0x90 } else { 0x80 };
      let hi = if c == 0xf4 { 0x8f } else { 0xbf };
      if at(i + 1).is_some_and(|c1| (lo..=hi).contains(&c1)) && cont(i + 2) && cont(i + 3) {
        i += 4;
        continue;
      }
      return i;
    }
    return i;
  }
  n
}

/// `utf8::is_utf8` and `utf8::valid_up_to` against `std::str::from_utf8` and the JS twin's loop.
pub fn check_utf8(data: &[u8]) {
  let std_result = std::str::from_utf8(data);
  let std_valid_up_to = std_result.map_or_else(|e| e.valid_up_to(), str::len);
  assert_eq!(utf8::is_utf8(data), std_result.is_ok(), "is_utf8 vs std");
  assert_eq!(
    utf8::valid_up_to(data),
    std_valid_up_to,
    "valid_up_to vs std"
  );
  assert_eq!(
    reference_valid_up_to(data),
    std_valid_up_to,
    "JS twin's loop vs std"
  );
}

/// The JS twin's `lineOffsetsKernel` (`src/lines.ts`), transcribed: find each `\n` from `start`,
/// drop one `\r` before it, and let the last line end at the end of input.
pub fn reference_line_offsets(data: &[u8]) -> Vec<usize> {
  let n = data.len();
  let mut out = Vec::new();
  let mut start = 0;
  while start < n {
    let found = data[start..].iter().position(|&b| b == b'\n');
    let nl = found.map_or(n, |p| start + p);
    let end = if found.is_some() && nl > start && data[nl - 1] == b'\r' {
      nl - 1
    } else {
      nl
    };
    out.push(start);
    out.push(end);
    start = nl + 1;
  }
  out
}

/// `lines::line_offsets` against the JS twin's loop and, on valid UTF-8, against `str::lines`.
pub fn check_lines(data: &[u8]) {
  let offsets = lines::line_offsets(data).expect("fuzz inputs are far below 4 GiB");
  let widened: Vec<usize> = offsets.iter().map(|&o| o as usize).collect();
  assert_eq!(
    widened,
    reference_line_offsets(data),
    "line_offsets vs JS twin"
  );
  for pair in widened.chunks_exact(2) {
    assert!(pair[0] <= pair[1] && pair[1] <= data.len(), "{pair:?}");
  }
  if let Ok(text) = std::str::from_utf8(data) {
    let ours: Vec<&str> = widened.chunks_exact(2).map(|p| &text[p[0]..p[1]]).collect();
    assert_eq!(
      ours,
      text.lines().collect::<Vec<_>>(),
      "line_offsets vs str::lines"
    );
  }
}

/// One decoded record, as plain fields (the value as its IEEE 754 bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
  /// Timestamp.
  pub timestamp: u64,
  /// Bits of the value.
  pub value_bits: u64,
  /// Id.
  pub id: u32,
  /// Kind.
  pub kind: u16,
  /// Flags.
  pub flags: u16,
}

/// Little-endian unsigned integer from `bytes`, one byte at a time.
fn le(bytes: &[u8]) -> u64 {
  bytes
    .iter()
    .rev()
    .fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
}

/// The record stream decoded field by field at the documented offsets (8 + 8 + 4 + 2 + 2 bytes);
/// `Err((len, offset))` names the incomplete record when the length is not a multiple of 24.
pub fn reference_decode(bytes: &[u8]) -> Result<Vec<Record>, (usize, usize)> {
  let whole = bytes.len() / 24 * 24;
  if whole != bytes.len() {
    return Err((bytes.len(), whole));
  }
  let narrow = |x: u64| u32::try_from(x).expect("at most 4 bytes");
  let narrow16 = |x: u64| u16::try_from(x).expect("at most 2 bytes");
  Ok(
    bytes
      .chunks(24)
      .map(|r| Record {
        timestamp: le(&r[0..8]),
        value_bits: le(&r[8..16]),
        id: narrow(le(&r[16..20])),
        kind: narrow16(le(&r[20..22])),
        flags: narrow16(le(&r[22..24])),
      })
      .collect(),
  )
}

/// The first `n` records of `c`, as plain fields.
fn rows(c: &records::OwnedColumns, n: usize) -> Vec<Record> {
  (0..n)
    .map(|j| Record {
      timestamp: c.timestamp[j],
      value_bits: c.value[j].to_bits(),
      id: c.id[j],
      kind: c.kind[j],
      flags: c.flags[j],
    })
    .collect()
}

fn view(c: &records::OwnedColumns) -> records::Columns<'_> {
  records::Columns {
    timestamp: &c.timestamp,
    value: &c.value,
    id: &c.id,
    kind: &c.kind,
    flags: &c.flags,
  }
}

fn view_mut(c: &mut records::OwnedColumns) -> records::ColumnsMut<'_> {
  records::ColumnsMut {
    timestamp: &mut c.timestamp,
    value: &mut c.value,
    id: &mut c.id,
    kind: &mut c.kind,
    flags: &mut c.flags,
  }
}

/// Columns of `len` slots each, every slot set to a sentinel (so an untouched slot is visible).
fn sentinel_columns(len: usize) -> records::OwnedColumns {
  records::OwnedColumns {
    timestamp: vec![0x5a5a_5a5a_5a5a_5a5a; len],
    value: vec![f64::from_bits(0x7ff8_dead_beef_0001); len],
    id: vec![0xa5a5_a5a5; len],
    kind: vec![0x5aa5; len],
    flags: vec![0xa55a; len],
  }
}

const COLUMN_NAMES: [&str; 5] = ["timestamp", "value", "id", "kind", "flags"];

/// The record codec against the field-by-field reference.
///
/// Input: a control byte, then the stream. The control byte picks the stream's alignment in a
/// fresh buffer (low 3 bits), which column `decode_into` gets short and by how much, and how
/// many bytes the encoder's output lacks, so every error path and every offset is reached.
pub fn check_records(data: &[u8]) {
  let Some((&ctl, stream)) = data.split_first() else {
    return;
  };
  let shift = usize::from(ctl & 7);
  let mut backing = vec![0xeeu8; shift + stream.len()];
  backing[shift..].copy_from_slice(stream);
  let bytes = &backing[shift..];

  let expected = reference_decode(bytes);
  let decoded = records::decode(bytes);
  let n = match (&expected, &decoded) {
    (Err((len, offset)), Err(e)) => {
      assert_eq!(
        *e,
        records::RecordError::Truncated {
          len: *len,
          offset: *offset
        }
      );
      assert!(e.to_string().contains(&format!("byte offset {offset}")));
      return;
    }
    (Ok(want), Ok(got)) => {
      assert_eq!(rows(got, want.len()), *want, "decode vs reference");
      assert_eq!(got.timestamp.len(), want.len());
      want.len()
    }
    _ => panic!("decode {decoded:?} vs reference {expected:?}"),
  };
  let Ok(got) = decoded else { unreachable!() };

  // decode_into with one column short by `short` slots (0: none) and `slack` extra slots on the
  // others: a short column is refused before anything is written; extra slots stay untouched.
  let column = usize::from(ctl >> 3) % 5;
  let short = usize::from(ctl >> 6).min(n);
  let slack = 2;
  let mut out = sentinel_columns(n + slack);
  let cut = n + slack - short - if short > 0 { slack } else { 0 };
  match column {
    0 => out.timestamp.truncate(cut),
    1 => out.value.truncate(cut),
    2 => out.id.truncate(cut),
    3 => out.kind.truncate(cut),
    _ => out.flags.truncate(cut),
  }
  let before = out.clone();
  let result = records::decode_into(bytes, view_mut(&mut out));
  if short > 0 {
    assert_eq!(
      result,
      Err(records::RecordError::ColumnTooShort {
        column: COLUMN_NAMES[column],
        len: cut,
        needed: n,
        offset: cut * 24,
      })
    );
    assert_eq!(
      rows(&out, cut),
      rows(&before, cut),
      "nothing is written on error"
    );
  } else {
    assert_eq!(result, Ok(n));
    assert_eq!(rows(&out, n), rows(&got, n), "decode_into vs decode");
    assert_eq!(
      rows(&out, n + slack)[n..],
      rows(&before, n + slack)[n..],
      "slots past the records are untouched"
    );
  }

  // Encoding the decoded columns gives back the same bytes (NaN payloads included).
  assert_eq!(records::encode(view(&got), n).as_deref(), Ok(bytes));
  let lack = usize::from(ctl >> 3 & 7).min(bytes.len());
  let mut buf = vec![0u8; bytes.len() - lack];
  let written = records::encode_into(view(&got), n, &mut buf);
  if lack == 0 {
    assert_eq!(written, Ok(bytes.len()));
    assert_eq!(buf, bytes);
  } else {
    assert_eq!(
      written,
      Err(records::RecordError::OutputTooShort {
        len: buf.len(),
        needed: bytes.len(),
        offset: buf.len() / 24 * 24,
      })
    );
  }
}

/// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) one bit at a time, continuing from
/// `initial` as zlib's `crc32(initial, data)` does.
pub fn reference_crc32(data: &[u8], initial: u32) -> u32 {
  let mut c = !initial;
  for &b in data {
    c ^= u32::from(b);
    for _ in 0..8 {
      c = if c & 1 == 1 {
        (c >> 1) ^ 0xedb8_8320
      } else {
        c >> 1
      };
    }
  }
  !c
}

/// The largest body the fuzzed service accepts (100 records and the trailer); the fuzzer's
/// inputs reach past it, so the 413 path is covered too.
pub const MAX_BODY_BYTES: usize = 100 * records::RECORD_SIZE + 4;

/// The service's answer to a body: the record count, or the HTTP status it refuses with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyOutcome {
  /// 200 with this many records decoded.
  Accepted(usize),
  /// 413: over `MAX_BODY_BYTES`.
  TooLarge,
  /// 400: shorter than the trailer, or the records part is not whole records.
  Truncated,
  /// 422: the trailer is not the CRC-32 of the records.
  ChecksumMismatch,
}

/// The example service's body check (`examples/service/server.ts`: `readBody`'s limit,
/// `verified`, then `decode` into columns allocated once for the largest body), on the core's
/// Rust functions that its native path calls (`checksum::crc32`, `records::decode_into`). The
/// check itself is TypeScript; this is its sequence of steps in Rust.
pub fn service_check_body(body: &[u8], columns: &mut records::OwnedColumns) -> BodyOutcome {
  if body.len() > MAX_BODY_BYTES {
    return BodyOutcome::TooLarge;
  }
  if body.len() < 4 || !(body.len() - 4).is_multiple_of(records::RECORD_SIZE) {
    return BodyOutcome::Truncated;
  }
  let (recs, trailer) = body.split_at(body.len() - 4);
  let expected = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
  if checksum::crc32(recs, 0) != expected {
    return BodyOutcome::ChecksumMismatch;
  }
  match records::decode_into(recs, view_mut(columns)) {
    Ok(n) => BodyOutcome::Accepted(n),
    Err(e) => panic!("a verified body within the limit always fits the columns: {e}"),
  }
}

/// The same steps on the references: the bitwise CRC-32 and the field-by-field decoder.
pub fn reference_check_body(body: &[u8]) -> (BodyOutcome, Vec<Record>) {
  if body.len() > MAX_BODY_BYTES {
    return (BodyOutcome::TooLarge, Vec::new());
  }
  if body.len() < 4 {
    return (BodyOutcome::Truncated, Vec::new());
  }
  let (recs, trailer) = body.split_at(body.len() - 4);
  let Ok(decoded) = reference_decode(recs) else {
    return (BodyOutcome::Truncated, Vec::new());
  };
  let expected = u32::try_from(le(trailer)).expect("4 bytes");
  if reference_crc32(recs, 0) != expected {
    return (BodyOutcome::ChecksumMismatch, Vec::new());
  }
  (BodyOutcome::Accepted(decoded.len()), decoded)
}

/// The service's body check against the references.
///
/// Input: a control byte, then the body. When the control byte is odd, the body's last 4 bytes
/// are replaced with the reference CRC-32 of the rest, so that the accepting path (and the
/// decoder behind it) is reached as often as the refusals. The control byte also splits the
/// records at a point where the CRC-32 is checked in two pieces, as a stream would be.
pub fn check_body(data: &[u8]) {
  let Some((&ctl, rest)) = data.split_first() else {
    return;
  };
  let mut body = rest.to_vec();
  if ctl & 1 == 1 && body.len() >= 4 {
    let at = body.len() - 4;
    let crc = reference_crc32(&body[..at], 0);
    body[at..].copy_from_slice(&crc.to_le_bytes());
  }

  let records_part = &body[..body.len().saturating_sub(4)];
  let split = usize::from(ctl >> 1).min(records_part.len());
  let (a, b) = records_part.split_at(split);
  let whole = reference_crc32(records_part, 0);
  assert_eq!(checksum::crc32(records_part, 0), whole, "crc32 vs bitwise");
  assert_eq!(
    checksum::crc32(b, checksum::crc32(a, 0)),
    whole,
    "crc32 in two pieces"
  );

  let mut columns = sentinel_columns(MAX_BODY_BYTES / records::RECORD_SIZE);
  let outcome = service_check_body(&body, &mut columns);
  let (want, decoded) = reference_check_body(&body);
  assert_eq!(outcome, want, "service check vs reference");
  if let BodyOutcome::Accepted(n) = outcome {
    assert_eq!(rows(&columns, n), decoded, "decoded records vs reference");
  }
}
