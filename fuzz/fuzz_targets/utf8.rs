//! The UTF-8 validator (`utf8::is_utf8`, `utf8::valid_up_to`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rust_patterns_fuzz::checks::check_utf8(data));
