"""State aid over tables: the de minimis audit of a whole grant register.

>>> import asf, pyarrow as pa
>>> grants = pa.table({"org_id": ["A", "A", "B"],
...     "date": ["2024-05-01", "2025-05-01", "2025-05-01"],
...     "amount": ["250000", "60000", "60000"], "currency": ["EUR"] * 3})
>>> b = asf.aid.de_minimis_audit(grants)
>>> b.column("index").to_pylist(), b.column("test").to_pylist()
([1], ['ceiling'])
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import json as _json
from typing import Any, Dict, List, Optional

import pyarrow as pa

from . import _asf
from ._errors import from_native
from ._frames import Output, TableLike, convert, kind_of, to_arrow_table, warn_rounded
from ._types import Lang

_MONEY = ("amount_eur", "used_eur", "total_eur", "ceiling_eur")


def _breaches(rows: List[Dict[str, Any]]) -> "pa.Table":
    cols: Dict[str, List[Any]] = {
        k: []
        for k in (
            "index", "reference", "undertaking", "date", "amount_eur", "window_from", "window_to",
            "window_kind", "test", "used_eur", "total_eur", "ceiling_eur", "legal_basis", "rule",
        )
    }
    for b in rows:
        cols["index"].append(b["index"])
        cols["reference"].append(b.get("reference"))
        cols["undertaking"].append(b["undertaking"])
        cols["date"].append(_dt.date.fromisoformat(b["date"]))
        cols["window_from"].append(_dt.date.fromisoformat(b["window"]["from"]))
        cols["window_to"].append(_dt.date.fromisoformat(b["window"]["to"]))
        cols["window_kind"].append(b["window"].get("kind"))
        cols["test"].append(b["test"])
        for k in _MONEY:
            cols[k].append(_decimal.Decimal(b[k]))
        cols["legal_basis"].append(b["legal_basis"]["citation"])
        cols["rule"].append(b["legal_basis"].get("rule"))
    # Every column typed, so an audit without breaches has the same schema as one with.
    types = {"index": pa.int64(), "reference": pa.string(), "undertaking": pa.string(), "date": pa.date32(),
             "window_from": pa.date32(), "window_to": pa.date32(), "window_kind": pa.string(), "test": pa.string(),
             "legal_basis": pa.string(), "rule": pa.string(), **{k: pa.decimal128(38, 2) for k in _MONEY}}
    return pa.table({k: pa.array(v, types.get(k)) for k, v in cols.items()})


def de_minimis_audit(
    grants: TableLike,
    *,
    fiscal_year_start: str = "01-01",
    lang: Lang = "en",
    engine: Optional[Any] = None,
    output: Output = None,
) -> Any:
    """Every grant of a register that broke a de minimis ceiling on its own date (operation
    ``aid.de_minimis.audit``), as a table of the caller's kind.

    ``grants`` has ``org_id``, ``date``, ``amount``, ``currency`` (``SEK``/``EUR``) and
    optional ``undertaking``, ``eur_rate``, ``regulation``, ``reference``. Amounts may be
    decimals, decimal text or floats (rounded to the cent with a :class:`asf.DataWarning`).
    ``engine`` (an :class:`asf.Engine`) supplies the rulebook; default the package's.
    Problems (a missing rate, a negative amount) come as a ``DataWarning`` and, for pandas,
    in ``df.attrs["asf"]``.
    """
    import warnings

    from . import _default_engine
    from ._frames import DataWarning

    kind = output or kind_of(grants)
    native = (engine or _default_engine)._native
    try:
        text, rounded = native.de_minimis_audit_table(to_arrow_table(grants, "grants"), fiscal_year_start, lang)
    except _asf.NativeError as e:
        raise from_native(e.args) from None
    warn_rounded(rounded)
    answer = _json.loads(text)
    if answer["problems"]:
        warnings.warn(
            f"{len(answer['problems'])} grant(s) could not be checked: "
            + ", ".join(sorted({p["code"] for p in answer["problems"]})),
            DataWarning,
            stacklevel=2,
        )
    out = convert(_breaches(answer["breaches"]), kind)
    if kind == "pandas":
        out.attrs["asf"] = {k: answer[k] for k in ("grants_checked", "undertakings", "problems")}
    return out


__all__ = ["de_minimis_audit"]
