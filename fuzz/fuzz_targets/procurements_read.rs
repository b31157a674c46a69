//! Arbitrary bytes as a procurement file (Upphandlingsmyndigheten CSV, eForms XML, OCDS
//! JSON, plain or gzip).
#![no_main]

use asf_core::procurements::{read_with, ReadOptions};
use asf_core::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions { lang: Lang::Sv, as_of: asf_fuzz::today() };
    match read_with(data, &options) {
        Ok(out) => {
            let value = serde_json::to_value(&out).unwrap_or_else(|e| panic!("cannot encode: {e}"));
            asf_fuzz::check_problems("procurements.read", &value);
        }
        Err(e) => asf_fuzz::check_error("procurements.read", &e),
    }
});
