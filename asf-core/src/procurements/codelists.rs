//! The eForms code lists asf reads, with their English and Swedish labels.
//!
//! Transcribed from the eForms SDK genericode files (CC BY 4.0, OP-TED/eForms-SDK
//! 1.16.0-SNAPSHOT @3242fbf7): `codelists/reserved-procurement.gc` (version 20240612-0) and
//! `codelists/applicability_reserved-execution.gc` (version 1.15.1). A test parses the
//! copies in `asf-core/tests/data/procurements/eforms/codelists/` and compares every code
//! and label, so an SDK update that changes a label fails the build until this file follows.

use crate::problem::Lang;

/// One code with its labels (`eng_label`, `swe_label` columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub en: &'static str,
    pub sv: &'static str,
}

/// `reserved-procurement` (BT-71).
pub const RESERVED_PROCUREMENT: &[Code] = &[
    Code {
        code: "none",
        en: "Participation is not reserved.",
        sv: "Deltagande är inte reserverat.",
    },
    Code {
        code: "res-pub-ser",
        en: "Participation is reserved to organisations pursuing a public service mission and fulfilling other relevant conditions in the legislation.",
        sv: "Deltagande förbehålls organisationer med offentligt uppdrag som är kopplat till sådana tjänster som specificeras i upphandlingsdirektiven och som uppfyller andra relevanta villkor i lagstiftningen.",
    },
    Code {
        code: "res-ws",
        en: "Participation is reserved to sheltered workshops and economic operators aiming at the social and professional integration of disabled or disadvantaged persons.",
        sv: "Deltagande förbehålls skyddade verkstäder och leverantörer vars mål är social och yrkesmässig integration av personer med funktionsnedsättning eller personer som är missgynnade.",
    },
];

/// `reserved-execution` (BT-736), a subset of `applicability`.
pub const RESERVED_EXECUTION: &[Code] = &[
    Code {
        code: "no",
        en: "No",
        sv: "Nej",
    },
    Code {
        code: "not-known",
        en: "Not yet known",
        sv: "Ännu ej känt",
    },
    Code {
        code: "yes",
        en: "Yes",
        sv: "Ja",
    },
];

/// The label of `code` in `list`.
pub fn label(list: &[Code], code: &str, lang: Lang) -> Option<&'static str> {
    list.iter().find(|c| c.code == code).map(|c| match lang {
        Lang::En => c.en,
        Lang::Sv => c.sv,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// (code, eng_label, swe_label) of every row of a genericode file.
    fn parse_gc(file: &str) -> Vec<(String, String, String)> {
        let path = format!(
            "{}/tests/data/procurements/eforms/codelists/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("Row"))
            .map(|row| {
                let col = |name: &str| {
                    row.children()
                        .find(|v| v.has_tag_name("Value") && v.attribute("ColumnRef") == Some(name))
                        .and_then(|v| v.children().find(|c| c.has_tag_name("SimpleValue")))
                        .and_then(|s| s.text())
                        .unwrap_or_default()
                        .to_owned()
                };
                (col("code"), col("eng_label"), col("swe_label"))
            })
            .collect()
    }

    fn table(list: &[Code]) -> Vec<(String, String, String)> {
        list.iter()
            .map(|c| (c.code.to_owned(), c.en.to_owned(), c.sv.to_owned()))
            .collect()
    }

    #[test]
    fn reserved_procurement_matches_the_sdk_file() {
        assert_eq!(
            table(RESERVED_PROCUREMENT),
            parse_gc("reserved-procurement.gc")
        );
    }

    #[test]
    fn reserved_execution_matches_the_sdk_file() {
        assert_eq!(
            table(RESERVED_EXECUTION),
            parse_gc("applicability_reserved-execution.gc")
        );
    }
}
