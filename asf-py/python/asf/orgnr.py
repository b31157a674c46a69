"""Organisation, personal and coordination numbers (operation ``orgnr.parse``)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, List, Literal, Optional, TypedDict, cast

from ._types import Lang, Problem

IdKind = Literal["organisation_number", "personal_number", "coordination_number"]
LegalFormGroup = Literal[
    "estate",
    "public_sector",
    "foreign_company",
    "limited_company",
    "simple_partnership",
    "economic_association",
    "non_profit_or_foundation",
    "partnership",
    "sole_trader",
    "unknown",
]


class ParseResult(TypedDict):
    valid: bool
    id_kind: Optional[IdKind]
    legal_form_group: Optional[LegalFormGroup]
    normalized: Optional[str]
    formatted: Optional[str]
    vat_number: Optional[str]
    problems: List[Problem]


def parse(id: str, *, as_of: _dt.date | str | None = None, lang: Lang = "en") -> ParseResult:
    """Parses an organisation number (or a sole trader's personal or coordination number).

    Invalid input is not an error: ``valid`` is false and ``problems`` says why.

    >>> from asf import orgnr
    >>> orgnr.parse("556016-0680")["vat_number"]
    'SE556016068001'
    >>> orgnr.parse("556016-0681", lang="sv")["problems"][0]["code"]
    'orgnr_checksum'
    """
    from . import evaluate

    from ._engine import _day

    request: dict[str, Any] = {"id": id, "lang": lang}
    if as_of is not None:
        request["as_of"] = _day(as_of, "as_of")
    return cast(ParseResult, evaluate("orgnr.parse", request))


def parse_many(
    ids: Any, *, as_of: _dt.date | str | None = None, lang: Lang = "en", output: Optional[Literal["arrow", "pandas", "polars"]] = None
) -> Any:
    """Parses a whole column of ids in Rust: a pandas or polars Series, a pyarrow array, any
    Arrow array or stream, or a list. Returns a table of the caller's kind with one row per
    id: ``id``, ``valid``, ``id_kind``, ``legal_form_group``, ``normalized``, ``formatted``,
    ``vat_number`` and ``problem_codes`` (a list; empty when valid). Nulls stay null.

    >>> from asf import orgnr
    >>> t = orgnr.parse_many(["556016-0680", "556016-0681", None])
    >>> t.column("valid").to_pylist(), t.column("problem_codes").to_pylist()
    ([True, False, None], [[], ['orgnr_checksum'], None])
    """
    from . import _asf
    from ._errors import from_native
    from ._frames import convert, kind_of, to_arrow_array

    kind = output or kind_of(ids)
    day = as_of.isoformat() if isinstance(as_of, _dt.date) else as_of
    try:
        table = _asf.orgnr_parse_many(to_arrow_array(ids), day, lang)
    except _asf.NativeError as e:
        raise from_native(e.args) from None
    return convert(table, kind)


__all__ = ["IdKind", "LegalFormGroup", "ParseResult", "parse", "parse_many"]
