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
