#!/usr/bin/env python3
"""Writes the generated pages of the documentation site into the folder given (scripts/docs.sh
gives build/docs-src/reference, so nothing generated lands in docs/):

- reference/<op>.md for every operation, from the JSON Schemas that
  `cargo run -p asf-core --example schemas -- <folder>` wrote next to them
  (<op>.request.json, <op>.response.json);
- reference/index.md, the list of them;
- reference/legal-parameters.md, every entry of the default rulebook
  (asf-core/rulebook/default.json) with its period, comparison, source and confidence.

scripts/docs.sh runs it before mdBook.
"""

from __future__ import annotations

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
REF = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "docs-src" / "reference"


def cell(v: object) -> str:
    s = "" if v is None else (json.dumps(v) if not isinstance(v, str) else v)
    return s.replace("|", "\\|").replace("\n", " ")


def legal_parameters() -> str:
    book = json.loads((ROOT / "asf-core" / "rulebook" / "default.json").read_text(encoding="utf-8"))
    out = [
        "# Legal parameters (generated)",
        "",
        "Every entry of the default rulebook `asf-core/rulebook/default.json`, generated from the",
        "project's `legal-parameters.csv` (HIGH and MEDIUM confidence values only: UNCONFIRMED",
        "values are absent by design, see the [domain guide](../domain.md)). The format and how",
        "to load more entries: [Rulebook format](../rulebook.md).",
        "",
        f"> {book.get('note', '')}",
        "",
        "| id | value | unit | valid from | valid to | comparison | source | confidence |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in sorted(book["entries"], key=lambda e: (e["id"], e["valid_from"])):
        out.append("| `{}` | {} | {} | {} | {} | {} | {} | {} |".format(
            e["id"], cell(e["value"]), cell(e["unit"]), cell(e["valid_from"]), cell(e.get("valid_to")) or "–",
            cell(e.get("comparison")), cell(e["source"]), cell(e["confidence"])))
    out += ["", "## Descriptions", ""]
    seen = set()
    for e in sorted(book["entries"], key=lambda e: e["id"]):
        if e["id"] not in seen and e.get("description"):
            seen.add(e["id"])
            out.append(f"- `{e['id']}`: {e['description']}")
    return "\n".join(out) + "\n"


def operation_page(op: str) -> str:
    req = (REF / f"{op}.request.json").read_text(encoding="utf-8")
    resp = (REF / f"{op}.response.json").read_text(encoding="utf-8")
    return "\n".join([
        f"# {op}: request and response schemas",
        "",
        f"Generated from the Rust types of `asf-core` (JSON Schema draft 2020-12, by `schemars`).",
        f"The operation's page explains every field: [{op}](../operations/{op}.md).",
        f"Files: [`{op}.request.json`]({op}.request.json), [`{op}.response.json`]({op}.response.json).",
        "",
        "Money, shares and other exact decimals are strings on the wire (a request may also give a",
        "JSON number, which is read exactly). Dates are ISO `YYYY-MM-DD` strings. Fields the",
        "schema does not list are ignored.",
        "",
        "## Request",
        "",
        "```json",
        req.rstrip(),
        "```",
        "",
        "## Response",
        "",
        "```json",
        resp.rstrip(),
        "```",
        "",
    ])


def main() -> int:
    REF.mkdir(parents=True, exist_ok=True)
    (REF / "legal-parameters.md").write_text(legal_parameters(), encoding="utf-8")
    ops = json.loads((REF / "operations.json").read_text(encoding="utf-8"))
    index = [
        "# Request and response reference (generated)",
        "",
        "A JSON Schema of the request and of the response of every operation, generated from the",
        "Rust types by `cargo run -p asf-core --example schemas` when the site is built",
        "(`make docs`); they are not committed, so they cannot drift from the code.",
        "",
        "| operation | request | response |",
        "|---|---|---|",
    ]
    for op in ops:
        (REF / f"{op}.md").write_text(operation_page(op), encoding="utf-8")
        index.append(f"| [{op}]({op}.md) | [{op}.request.json]({op}.request.json) | [{op}.response.json]({op}.response.json) |")
    (REF / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    print(f"{REF}: {len(ops)} operations and the legal parameters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
