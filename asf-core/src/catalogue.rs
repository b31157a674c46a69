//! The one catalogue of problem codes. Each module declares its codes next to its rules and
//! lists them in a `CODES` slice; this module gathers them.

use crate::problem::CodeDef;

/// Every problem code with its English and Swedish message templates, ordered by code.
pub fn all() -> Vec<&'static CodeDef> {
    let mut all: Vec<&'static CodeDef> = [
        crate::orgnr::CODES,
        crate::rulebook::CODES,
        crate::rulebook::describe::CODES,
        crate::criteria::CODES,
        crate::reserved::CODES,
        crate::route::CODES,
        crate::bid::CODES,
        #[cfg(feature = "procurements")]
        crate::procurements::CODES,
        #[cfg(feature = "aid")]
        crate::de_minimis::CODES,
        #[cfg(feature = "aid")]
        crate::gber::CODES,
        #[cfg(feature = "aid")]
        crate::support::CODES,
        #[cfg(feature = "goals")]
        crate::ledger::CODES,
        #[cfg(feature = "goals")]
        crate::goals::CODES,
    ]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    all.sort_by_key(|d| d.code);
    all
}

/// The definition of one code.
pub fn get(code: &str) -> Option<&'static CodeDef> {
    all().into_iter().find(|d| d.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::placeholders;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_snake_case_with_both_languages() {
        let all = all();
        let unique: BTreeSet<_> = all.iter().map(|d| d.code).collect();
        assert_eq!(unique.len(), all.len(), "duplicate code");
        for d in &all {
            assert!(d.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'), "{}", d.code);
            assert!(!d.en.trim().is_empty() && !d.sv.trim().is_empty(), "{} lacks a message", d.code);
            let en: BTreeSet<_> = placeholders(d.en).into_iter().collect();
            let sv: BTreeSet<_> = placeholders(d.sv).into_iter().collect();
            assert_eq!(en, sv, "{}: English and Swedish use different parameters", d.code);
        }
    }

    /// A `CodeDef` declared in a source file but missing from [`all`] would be a code
    /// without a place in the catalogue: count declarations in the sources.
    #[test]
    #[cfg(feature = "full")]
    fn every_declared_code_is_in_the_catalogue() {
        fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for chunk in text.split("CodeDef {").skip(1) {
                        if let Some(code) = chunk.split("code: \"").nth(1).and_then(|s| s.split('"').next()) {
                            found.push(code.to_owned());
                        }
                    }
                }
            }
        }
        let mut declared = Vec::new();
        walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut declared);
        let listed: BTreeSet<_> = all().iter().map(|d| d.code.to_owned()).collect();
        let declared: BTreeSet<_> = declared.into_iter().filter(|c| !c.is_empty()).collect();
        assert_eq!(declared, listed);
    }
}
