#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclint_fuzz::run("estate", data));
