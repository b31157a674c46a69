//! eForms notices (XML): reserved participation (BT-71) and reserved execution (BT-736) per
//! lot, with the buyer, procedure id, title and publication date.
//!
//! What is read, by the XPaths of the eForms SDK (`fields.json`, 1.16):
//!
//! | field | from |
//! |---|---|
//! | lots | `/*/cac:ProcurementProjectLot` with `cbc:ID/@schemeName` `Lot` or `Part` |
//! | BT-71 | `cac:TenderingTerms/cac:TendererQualificationRequest[not(cbc:CompanyLegalFormCode)][not(…missing-info-submission)][not(…selection-criteria-source)]/cac:SpecificTendererRequirement/cbc:TendererRequirementTypeCode[@listName='reserved-procurement']` (every one, in order) |
//! | BT-736 | `cac:TenderingTerms/cac:ContractExecutionRequirement/cbc:ExecutionRequirementCode[@listName='reserved-execution']` (the first) |
//! | `procurement_id` | `/*/cbc:ContractFolderID` (BT-04) |
//! | `title` | `/*/cac:ProcurementProject/cbc:Name` (BT-21) |
//! | `publication_date` | `efac:Publication/efbc:PublicationDate`, else `/*/cbc:IssueDate` (BT-05) |
//! | buyer | the first `/*/cac:ContractingParty/cac:Party/cac:PartyIdentification/cbc:ID`, looked up in `efac:Organizations`: `cac:PartyName/cbc:Name` (BT-500) and `cac:PartyLegalEntity/cbc:CompanyID` (BT-501) |
//!
//! Elements are matched by local name, so namespace prefixes do not matter. A code outside
//! the code list (including an empty element, as in the SDK's deliberately invalid
//! `INVALID_cn_24_stage-2.xml`) is reported as `procurements_unknown_value` and left out.
//! The reader checks no other eForms business rule: `INVALID_change-cn_24_FRA_comments.xml`
//! (a change notice altering fields that may not change) reads like any notice.
//! Problem paths: `/lots/{lot id or position}/BT-71`, `/lots/…/BT-736`, `/buyer`,
//! `/publication_date`, `/procurement_id`.

use roxmltree::{Document, Node, ParsingOptions};

use crate::error::Error;
use crate::params;
use crate::problem::{Lang, Problem};

use super::{
    buyer_problem, content_error, parse_date_prefix, Lot, ProcurementRecord, ReadOptions,
    ReadResult, ReservedExecution, ReservedParticipation, SourceFormat, INVALID_DATE, MISSING_ID,
    SEVERAL_BUYERS, UNKNOWN_VALUE,
};

/// Most XML nodes a notice may have (real notices have a few thousand).
pub const MAX_NODES: u32 = 2_000_000;

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn children<'a, 'i: 'a>(n: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn path<'a, 'i>(n: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    names.iter().try_fold(n, |node, name| child(node, name))
}

fn text(n: Option<Node<'_, '_>>) -> Option<String> {
    n.and_then(|n| n.text())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Reads one notice.
pub fn read(xml: &str, options: &ReadOptions) -> Result<ReadResult, Error> {
    let doc = Document::parse_with_options(
        xml,
        ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_NODES,
        },
    )
    .map_err(|e| content_error(format!("the XML cannot be read: {e}")))?;
    let root = doc.root_element();
    if !root.tag_name().name().ends_with("Notice") {
        return Err(content_error(format!(
            "the XML root element is '{}', not an eForms notice",
            root.tag_name().name()
        )));
    }
    let lang = options.lang;
    let mut problems = Vec::new();

    let mut record = ProcurementRecord::new("");
    record.source_format = Some(SourceFormat::Eforms);
    record.source_ref =
        text(children(root, "ID").find(|n| n.attribute("schemeName") == Some("notice-id")));
    record.procurement_id = text(child(root, "ContractFolderID"));
    if record.procurement_id.is_none() {
        problems.push(Problem::new(&MISSING_ID, "/procurement_id", lang));
    }
    record.title = text(path(root, &["ProcurementProject", "Name"]));

    let published = root
        .descendants()
        .find(|n| {
            n.has_tag_name("PublicationDate")
                && n.parent()
                    .is_some_and(|p| p.tag_name().name() == "Publication")
        })
        .or_else(|| child(root, "IssueDate"));
    if let Some(d) = text(published) {
        match parse_date_prefix(&d) {
            Some(date) => record.publication_date = Some(date),
            None => problems.push(Problem::with_params(
                &INVALID_DATE,
                "/publication_date",
                lang,
                params![("value", d)],
            )),
        }
    }

    // Buyer: the organisation the first contracting party refers to.
    let buyer_refs: Vec<String> = children(root, "ContractingParty")
        .filter_map(|cp| text(path(cp, &["Party", "PartyIdentification", "ID"])))
        .collect();
    if buyer_refs.len() > 1 {
        problems.push(Problem::with_params(
            &SEVERAL_BUYERS,
            "/buyer",
            lang,
            params![("buyers", buyer_refs.len())],
        ));
    }
    if let Some(buyer_ref) = buyer_refs.first() {
        let company = root.descendants().find(|n| {
            n.has_tag_name("Company")
                && n.parent()
                    .is_some_and(|p| p.tag_name().name() == "Organization")
                && text(path(*n, &["PartyIdentification", "ID"])).as_deref()
                    == Some(buyer_ref.as_str())
        });
        if let Some(company) = company {
            record.buyer_name = text(path(company, &["PartyName", "Name"]));
            record.buyer_org_id =
                text(path(company, &["PartyLegalEntity", "CompanyID"])).unwrap_or_default();
        }
    }

    for (position, lot_node) in children(root, "ProcurementProjectLot").enumerate() {
        let id_node = child(lot_node, "ID");
        if !matches!(
            id_node.and_then(|n| n.attribute("schemeName")),
            Some("Lot") | Some("Part")
        ) {
            continue;
        }
        let lot_id = text(id_node);
        let at = crate::problem::pointer(
            "/lots",
            lot_id.clone().unwrap_or_else(|| position.to_string()),
        );
        let mut lot = Lot {
            lot_id: lot_id.clone(),
            ..Lot::default()
        };
        let terms = child(lot_node, "TenderingTerms");
        let lot_param = lot_id.clone().unwrap_or_default();
        for code in terms.into_iter().flat_map(|t| bt71_codes(t)) {
            match ReservedParticipation::from_eforms(&code) {
                Some(c) => lot.reserved_participation.push(c),
                None => problems.push(unknown(
                    "BT-71",
                    &code,
                    &format!("{at}/BT-71"),
                    &lot_param,
                    lang,
                )),
            }
        }
        let bt736 = terms
            .into_iter()
            .flat_map(|t| children(t, "ContractExecutionRequirement"))
            .find_map(|cer| {
                children(cer, "ExecutionRequirementCode")
                    .find(|c| c.attribute("listName") == Some("reserved-execution"))
                    .map(|c| c.text().unwrap_or_default().trim().to_owned())
            });
        if let Some(code) = bt736 {
            match ReservedExecution::from_eforms(&code) {
                Some(c) => lot.reserved_execution = Some(c),
                None => problems.push(unknown(
                    "BT-736",
                    &code,
                    &format!("{at}/BT-736"),
                    &lot_param,
                    lang,
                )),
            }
        }
        record.lots.push(lot);
    }

    if let Some(reasons) = record.check_buyer(options.as_of) {
        problems.push(buyer_problem(
            &record,
            &reasons,
            "/buyer",
            lang,
            serde_json::Map::new(),
        ));
    }
    Ok(ReadResult {
        format: SourceFormat::Eforms,
        rows_read: 1,
        records: vec![record],
        rows_rejected: 0,
        problems,
    })
}

/// Every BT-71 code of a lot's `cac:TenderingTerms`, by the SDK's XPath.
fn bt71_codes(terms: Node<'_, '_>) -> Vec<String> {
    let list_is = |n: &Node<'_, '_>, list: &str| n.attribute("listName") == Some(list);
    let has_requirement = |tqr: Node<'_, '_>, list: &str| {
        children(tqr, "SpecificTendererRequirement")
            .any(|s| children(s, "TendererRequirementTypeCode").any(|c| list_is(&c, list)))
    };
    children(terms, "TendererQualificationRequest")
        .filter(|tqr| child(*tqr, "CompanyLegalFormCode").is_none())
        .filter(|tqr| {
            !has_requirement(*tqr, "missing-info-submission")
                && !has_requirement(*tqr, "selection-criteria-source")
        })
        .flat_map(|tqr| children(tqr, "SpecificTendererRequirement").collect::<Vec<_>>())
        .flat_map(|s| children(s, "TendererRequirementTypeCode").collect::<Vec<_>>())
        .filter(|c| list_is(c, "reserved-procurement"))
        .map(|c| c.text().unwrap_or_default().trim().to_owned())
        .collect()
}

fn unknown(field: &str, value: &str, at: &str, lot: &str, lang: Lang) -> Problem {
    Problem::with_params(
        &UNKNOWN_VALUE,
        at,
        lang,
        params![("field", field), ("value", value), ("lot", lot)],
    )
}
