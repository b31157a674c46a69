"""Checked with `mypy --strict`: how a typed user program reads. Not collected by pytest."""

from __future__ import annotations

import datetime

import asf
from asf import orgnr

result = orgnr.parse("556016-0680", as_of=datetime.date(2026, 1, 1), lang="sv")
formatted: str | None = result["formatted"]
valid: bool = result["valid"]
codes: list[str] = [p["code"] for p in result["problems"]]

answer: dict[str, object] = asf.evaluate("rulebook.describe", {"as_of": "2026-01-01"})
engine: asf.Engine = asf.Engine().load_rulebook({"format": "asf-rulebook/1", "entries": []})

try:
    asf.evaluate("no.such.operation", {})
except asf.UnknownOperationError as e:
    code: str = e.code
    path: str = e.path

# The table-native API (frames are typed loosely: pandas and polars are optional).
import decimal
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from asf import goals, ledger as asf_ledger

table = pa.table({"leverantor_id": ["5560160680"], "bokforingsdatum": ["2025-01-01"], "nettobelopp": ["1,00"]})
imported: asf_ledger.Ledger = asf_ledger.read(table, lang="sv")
accepted: decimal.Decimal = imported.reconciliation["amount_accepted"]
rows_accepted: int = len(imported)
rejections: list[str] = [p["path"] for p in imported.problems]
frame: Any = goals.indicators(imported, [{"supplier_id": "5560160680"}], group_by=["year", "committee"], period=2025)
report: goals.ProgressReport = goals.progress(
    imported,
    [{"supplier_id": "5560160680"}],
    {"indicator": "asf_share", "baseline": {"period": {"from": "2024-01-01", "to": "2024-12-31"}, "value": "0"},
     "target": {"value": "0.1", "by": "2026-12-31"}},
    granularity="quarter",
)
periods: Any = report.to_arrow()
ids: Any = asf.orgnr.parse_many(["556016-0680"], as_of=datetime.date(2026, 1, 1), output="arrow")
breaches: Any = asf.aid.de_minimis_audit(table, fiscal_year_start="07-01")
asf.options.progress = False
