//! Arbitrary bytes as a supplier-ledger file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(ledger) = asf_core::ledger::read(data) {
        let r = ledger.reconciliation();
        assert!(r.adds_up(), "reconciliation does not add up: {r:?}");
        assert_eq!(ledger.len() as u64, r.rows_accepted, "{r:?}");
        assert!(r.rows_rejected_unparsable_amount <= r.rows_rejected, "{r:?}");
    }
});
