#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| demarche_fuzz::jsonl(data));
