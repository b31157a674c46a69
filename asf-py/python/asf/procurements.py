"""Procurement records and reserved-procurement indicators.

Read Upphandlingsmyndigheten's statistics export (CSV, plain or gzip-compressed), eForms
notices (XML) or OCDS releases (JSON) with :func:`read`, then count reserved participation
and reserved execution per buyer and year with :func:`reserved_indicators`. Buyer
organisation numbers that fail the check are reported, never dropped.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
from typing import Any, List, Literal, Mapping, Sequence, Union

from . import _asf
from ._errors import RequestTypeError, from_native
from ._types import Lang

GroupBy = Literal["buyer", "year"]
Source = Union[str, "_os.PathLike[str]", bytes, bytearray, memoryview]


def read(source: Source, *, lang: Lang = "en", as_of: _dt.date | str | None = None) -> dict[str, Any]:
    """Reads procurement records from a file path or the file's bytes; the format (export
    CSV, gzip, eForms XML, OCDS JSON) and the text encoding are detected.

    Returns the same JSON as operation ``procurements.read``: ``format``, ``rows_read``,
    ``records``, ``rows_rejected`` and ``problems``. ``as_of`` is the date a buyer number is
    checked as of when a record has no publication date (default: today).

    >>> from asf import procurements
    >>> notice = b'<?xml version="1.0"?><ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"/>'
    >>> procurements.read(notice)["format"]
    'eforms'
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, _os.PathLike)):
        with open(source, "rb") as f:
            data = f.read()
    else:
        raise RequestTypeError("source must be a path or bytes", "invalid_type", "")
    from ._engine import _day

    day = _day(as_of, "as_of")
    try:
        out = _asf.procurements_read(data, lang, day)
    except _asf.NativeError as e:
        raise from_native(e.args) from None
    result: dict[str, Any] = _json.loads(out)
    return result


def reserved_indicators(
    records: Union[Mapping[str, Any], Sequence[Mapping[str, Any]]],
    group_by: Sequence[GroupBy] = ("buyer", "year"),
    *,
    lang: Lang = "en",
) -> dict[str, Any]:
    """Counts procurements, reserved participation, reserved execution and both, with their
    shares, per group (operation ``procurements.reserved_indicators``).

    ``records`` is the result of :func:`read` or its ``records`` list.

    >>> from asf import procurements
    >>> procurements.reserved_indicators([], group_by=["year"])["groups"]
    []
    """
    from . import evaluate

    rows: Any = records.get("records", []) if isinstance(records, Mapping) else list(records)
    groups: List[str] = [group_by] if isinstance(group_by, str) else list(group_by)
    return evaluate("procurements.reserved_indicators", {"records": rows, "group_by": groups, "lang": lang})


__all__ = ["GroupBy", "read", "reserved_indicators"]
