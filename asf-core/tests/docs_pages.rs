//! Every operation has a documentation page, published in the site's table of contents,
//! with a request/response reference and an entry in the schema generator.
#![allow(clippy::panic)]

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_operation_has_a_page_in_the_table_of_contents() {
    let summary = read("docs/SUMMARY.md");
    let schemas = read("asf-core/examples/schemas.rs");
    let mut missing = Vec::new();
    for op in asf_core::operations() {
        let page = format!("docs/operations/{op}.md");
        match std::fs::read_to_string(root().join(&page)) {
            Ok(text) if text.lines().next().is_some_and(|l| l.starts_with("# ") && l.contains(op)) => {}
            Ok(_) => missing.push(format!("{page}: the first line is not a '# ' heading naming {op}")),
            Err(_) => missing.push(format!("{page} is missing")),
        }
        if !summary.contains(&format!("[{op}](operations/{op}.md)")) {
            missing.push(format!("docs/SUMMARY.md does not link operations/{op}.md"));
        }
        if !summary.contains(&format!("[{op}](reference/{op}.md)")) {
            missing.push(format!("docs/SUMMARY.md does not link reference/{op}.md"));
        }
        if !schemas.contains(&format!("(\"{op}\",")) && !schemas.contains(&format!("\"{op}\",\n")) {
            missing.push(format!("asf-core/examples/schemas.rs has no entry for {op}"));
        }
    }
    assert!(missing.is_empty(), "operations without documentation:\n{}", missing.join("\n"));
}

#[test]
fn no_page_of_an_operation_that_does_not_exist() {
    let ops = asf_core::operations();
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(root().join("docs/operations")).unwrap_or_else(|e| panic!("docs/operations: {e}")) {
        let name = entry.map(|e| e.file_name().to_string_lossy().into_owned()).unwrap_or_default();
        if let Some(op) = name.strip_suffix(".md") {
            if op != "index" && !ops.contains(&op) {
                stray.push(name);
            }
        }
    }
    assert!(stray.is_empty(), "pages of operations that asf_core::operations() does not list: {stray:?}");
}
