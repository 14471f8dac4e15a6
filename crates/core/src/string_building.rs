//! CSV text built from record columns into one pre-sized buffer.
//!
//! Each record becomes `timestamp,value,id,kind,flags\n`. Integers print in decimal; the `f64`
//! value prints exactly as JavaScript's `String(number)` does (shortest round-trip digits,
//! exponent from 1e21 and below 1e-6, `NaN`, `Infinity`, and `0` for `-0`), via the ryu-js crate,
//! so the JS and Rust builders produce byte-identical output.

use crate::records::{Columns, RecordError};

/// Bytes reserved per line before writing: room for typical lines, so that the buffer grows
/// at most a few times (a line is at most 20 + 1 + 24 + 1 + 10 + 1 + 5 + 1 + 5 + 1 = 69 bytes).
const LINE_ESTIMATE: usize = 48;

/// Appends the CSV line of record `j` to `out`: integers through itoa and the float through
/// ryu-js, each into its own stack buffer, with no `fmt` machinery per field.
fn push_line(out: &mut String, columns: &Columns<'_>, j: usize, digits: &mut Digits) {
  out.push_str(digits.int.format(columns.timestamp[j]));
  out.push(',');
  out.push_str(digits.float.format(columns.value[j]));
  out.push(',');
  out.push_str(digits.int.format(columns.id[j]));
  out.push(',');
  out.push_str(digits.int.format(columns.kind[j]));
  out.push(',');
  out.push_str(digits.int.format(columns.flags[j]));
  out.push('\n');
}

/// The number formatters' buffers, made once per call.
struct Digits {
  int: itoa::Buffer,
  float: ryu_js::Buffer,
}

/// `value` as JavaScript's `String(value)` prints it (`Infinity`, `1e+21`, `0` for `-0`), for
/// error messages that must read the same from the binding and from the JS twins.
pub fn js_number(value: f64) -> String {
  ryu_js::Buffer::new().format(value).to_owned()
}

/// Builds the CSV text of the first `count` records, one line each, into a new byte vector.
pub fn csv(columns: Columns<'_>, count: usize) -> Result<Vec<u8>, RecordError> {
  for (column, len) in [
    ("timestamp", columns.timestamp.len()),
    ("value", columns.value.len()),
    ("id", columns.id.len()),
    ("kind", columns.kind.len()),
    ("flags", columns.flags.len()),
  ] {
    if len < count {
      return Err(RecordError::ColumnTooShort {
        column,
        len,
        needed: count,
        offset: len * crate::records::RECORD_SIZE,
      });
    }
  }
  let mut out = String::with_capacity(count.saturating_mul(LINE_ESTIMATE));
  let mut digits = Digits {
    int: itoa::Buffer::new(),
    float: ryu_js::Buffer::new(),
  };
  for j in 0..count {
    push_line(&mut out, &columns, j, &mut digits);
  }
  Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn a_short_column_names_the_byte_offset_of_its_first_missing_record() {
    let c = Columns {
      timestamp: &[1, 2, 3],
      value: &[0.5, 1.5, 2.5],
      id: &[1, 2],
      kind: &[0, 0, 0],
      flags: &[0, 0, 0],
    };
    assert_eq!(
      csv(c, 3).unwrap_err(),
      RecordError::ColumnTooShort {
        column: "id",
        len: 2,
        needed: 3,
        offset: 48
      }
    );
  }

  #[test]
  fn js_number_prints_as_javascript_string() {
    for (value, js) in [
      (f64::INFINITY, "Infinity"),
      (f64::NEG_INFINITY, "-Infinity"),
      (f64::NAN, "NaN"),
      (-0.0, "0"),
      (1.5, "1.5"),
      (-1.0, "-1"),
      (4294967296.0, "4294967296"),
      (1e21, "1e+21"),
      (1e-7, "1e-7"),
    ] {
      assert_eq!(js_number(value), js, "{value:?}");
    }
  }

  #[test]
  fn formats_like_javascript_string() {
    let c = Columns {
      timestamp: &[u64::MAX, 0, 1, 2, 3, 4],
      value: &[-0.0, f64::NAN, 1e21, 1.5e-7, f64::NEG_INFINITY, 0.1],
      id: &[1, 2, 3, 4, 5, 6],
      kind: &[0, 0, 0, 0, 0, 65535],
      flags: &[9, 9, 9, 9, 9, 9],
    };
    let text = String::from_utf8(csv(c, 6).unwrap()).unwrap();
    assert_eq!(
      text,
      "18446744073709551615,0,1,0,9\n0,NaN,2,0,9\n1,1e+21,3,0,9\n2,1.5e-7,4,0,9\n3,-Infinity,5,0,9\n4,0.1,6,65535,9\n"
    );
  }

  #[test]
  fn short_columns_are_refused() {
    let c = Columns {
      timestamp: &[1, 2],
      value: &[1.0],
      id: &[1, 2],
      kind: &[1, 2],
      flags: &[1, 2],
    };
    assert!(matches!(
      csv(c, 2),
      Err(RecordError::ColumnTooShort {
        column: "value",
        ..
      })
    ));
    assert!(csv(c, 0).unwrap().is_empty());
  }
}
