//! The example service's body check (size limit, CRC-32 trailer, record decode).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rust_patterns_fuzz::checks::check_body(data));
