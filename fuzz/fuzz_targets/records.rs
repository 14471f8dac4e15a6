//! The record decoder and encoder (`records::decode`, `decode_into`, `encode_into`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rust_patterns_fuzz::checks::check_records(data));
