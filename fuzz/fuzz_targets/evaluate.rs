//! Arbitrary bytes to every operation: the first byte picks the operation, the rest is the
//! request text as the bindings pass it (`Engine::evaluate_json_on`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let ops = asf_fuzz::operations();
    // One value past the list: an unknown operation name.
    let op = ops.get(usize::from(first) % (ops.len() + 1)).copied().unwrap_or("no.such_operation");
    let text = String::from_utf8_lossy(rest);
    asf_fuzz::evaluate_and_check(op, &text);
});
