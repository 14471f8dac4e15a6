//! Replays the fuzz targets' committed inputs (`fuzz/seeds/<target>/` and any
//! `fuzz/regressions/<target>/`) through the same checks the targets run, so that plain
//! `cargo test` (and the AddressSanitizer run, `scripts/asan.sh`) covers every input a fuzz run
//! once failed on, without nightly or libFuzzer.

#[path = "../../../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

/// Runs `check` on every file under `fuzz/<kind>/<target>/`; returns how many it ran.
fn replay(target: &str, check: fn(&[u8])) -> usize {
  let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
  let mut ran = 0;
  for kind in ["seeds", "regressions"] {
    let Ok(entries) = std::fs::read_dir(fuzz.join(kind).join(target)) else {
      continue;
    };
    for entry in entries {
      let path = entry.expect("readable directory entry").path();
      let data = std::fs::read(&path).expect("readable input");
      if std::panic::catch_unwind(|| check(&data)).is_err() {
        panic!("{} fails its check", path.display());
      }
      ran += 1;
    }
  }
  ran
}

#[test]
fn records_inputs_pass() {
  assert!(replay("records", checks::check_records) >= 3);
}

#[test]
fn lines_inputs_pass() {
  assert!(replay("lines", checks::check_lines) >= 3);
}

#[test]
fn utf8_inputs_pass() {
  assert!(replay("utf8", checks::check_utf8) >= 3);
}

#[test]
fn body_inputs_pass() {
  assert!(replay("body", checks::check_body) >= 3);
}

/// The references must themselves be right, or agreeing with them proves nothing.
#[test]
fn references_match_known_answers() {
  // zlib's crc32 of "123456789" (the CRC-32/ISO-HDLC check value).
  assert_eq!(checks::reference_crc32(b"123456789", 0), 0xcbf4_3926);
  assert_eq!(
    checks::reference_crc32(b"56789", checks::reference_crc32(b"1234", 0)),
    0xcbf4_3926
  );
  assert_eq!(checks::reference_valid_up_to(b"ab\xe2\x82"), 2);
  assert_eq!(checks::reference_valid_up_to(b"\xf0\x9f\x98\x80"), 4);
  assert_eq!(checks::reference_valid_up_to(b"\xed\xa0\x80"), 0);
  assert_eq!(
    checks::reference_line_offsets(b"a\r\nb\r\r\n\nc\r"),
    [0, 1, 3, 5, 7, 7, 8, 10]
  );
  let mut record = [0u8; 24];
  record[0] = 1;
  record[15] = 0x7f;
  record[16..20].copy_from_slice(&0xdead_beefu32.to_le_bytes());
  record[23] = 0x80;
  assert_eq!(
    checks::reference_decode(&record),
    Ok(vec![checks::Record {
      timestamp: 1,
      value_bits: 0x7f00_0000_0000_0000,
      id: 0xdead_beef,
      kind: 0,
      flags: 0x8000,
    }])
  );
  assert_eq!(checks::reference_decode(&record[..23]), Err((23, 0)));
}

/// The service-side body check on hand-made bodies, one per outcome, so that the fuzz target's
/// comparison has a known-good side: accepted (and decoded into the first slot only), a flipped
/// trailer bit, a cut record, one byte over the limit.
#[test]
fn service_body_check_gives_each_outcome() {
  let mut body = vec![0u8; 24 + 4];
  let crc = checks::reference_crc32(&body[..24], 0);
  body[24..].copy_from_slice(&crc.to_le_bytes());
  let mut columns = rust_patterns_core::records::OwnedColumns {
    timestamp: vec![9; 100],
    value: vec![0.0; 100],
    id: vec![0; 100],
    kind: vec![0; 100],
    flags: vec![0; 100],
  };
  assert_eq!(
    checks::service_check_body(&body, &mut columns),
    checks::BodyOutcome::Accepted(1)
  );
  assert_eq!(columns.timestamp[..2], [0, 9]);
  body[27] ^= 1;
  assert_eq!(
    checks::service_check_body(&body, &mut columns),
    checks::BodyOutcome::ChecksumMismatch
  );
  assert_eq!(
    checks::service_check_body(&body[..27], &mut columns),
    checks::BodyOutcome::Truncated
  );
  assert_eq!(
    checks::service_check_body(&vec![0; checks::MAX_BODY_BYTES + 1], &mut columns),
    checks::BodyOutcome::TooLarge
  );
}
