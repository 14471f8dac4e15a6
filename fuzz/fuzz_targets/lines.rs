//! The line splitter (`lines::line_offsets`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rust_patterns_fuzz::checks::check_lines(data));
