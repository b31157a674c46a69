"""Supplier ledgers (leverantörsreskontra) as tables: :func:`read` imports a CSV file of the
national format or any DataFrame/Arrow table into Rust memory, once, for every later
computation.

>>> import asf, pyarrow as pa
>>> t = pa.table({"leverantor_id": ["556016-0680", "556016-0680"],
...               "bokforingsdatum": ["2025-03-01", "2025-13-01"],
...               "nettobelopp": ["1 234,50", "10"]})
>>> ledger = asf.ledger.read(t)
>>> len(ledger), ledger.reconciliation["amount_accepted"]
(1, Decimal('1234.50'))
>>> ledger.problems[0]["code"], ledger.problems[0]["path"]
('ledger_invalid_date', '/ledger/1/bokforingsdatum')
"""

from __future__ import annotations

import decimal as _decimal
import html as _html
import json as _json
import os as _os
import warnings as _warnings
from typing import Any, Callable, Dict, List, Optional, Union

import pyarrow as pa

from . import _asf
from ._errors import from_native
from ._frames import DataWarning, Kind, Output, TableLike, convert, kind_of, to_arrow_table, warn_rounded
from ._options import options
from ._types import Lang, Problem

PathLike = Union[str, "_os.PathLike[str]"]

#: Files larger than this show a progress bar when ``asf.options.progress`` is ``None``.
PROGRESS_MIN_BYTES = 200_000_000

_MONEY = ("amount_accepted", "amount_rejected_parsable", "amount_in_period", "amount_outside_period")


def _decimals(d: Dict[str, Any]) -> Dict[str, Any]:
    return {k: (_decimal.Decimal(v) if k in _MONEY and isinstance(v, str) else v) for k, v in d.items()}


def _progress_callback(total: int) -> "tuple[Optional[Callable[[int], None]], Any]":
    want = options.progress
    if want is False or (want is None and total < PROGRESS_MIN_BYTES):
        return None, None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None, None
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="asf: reading ledger")

    def update(read: int) -> None:
        bar.n = min(read, total)
        bar.refresh()

    return update, bar


class Ledger:
    """A ledger in Rust memory (24 bytes a row). Every accepted row is kept; every rejected
    row is a problem with a code and a JSON Pointer (``/ledger/{row}/{column}`` for tables,
    ``/lines/{line}/{column}`` for files), and the :attr:`reconciliation` adds up.

    Use it with :func:`asf.goals.indicators` and :func:`asf.goals.progress` as often as you
    like: the import is not repeated.
    """

    def __init__(self, native: Any, kind: Kind, lang: Lang = "en") -> None:
        self._native = native
        self.kind: Kind = kind
        self.lang: Lang = lang

    def __len__(self) -> int:
        return len(self._native)

    @property
    def reconciliation(self) -> Dict[str, Any]:
        """Rows read, accepted and rejected, and the amounts (``Decimal``) of each."""
        out: Dict[str, Any] = _decimals(_json.loads(self._native.reconciliation_json()))
        return out

    @property
    def problems(self) -> List[Problem]:
        """Rejected rows and supplier ids that are not organisation numbers."""
        out: List[Problem] = _json.loads(self._native.problems_json(self.lang))
        return out

    @property
    def rounded(self) -> int:
        """How many float amounts were rounded to the öre on import."""
        return int(self._native.rounded)

    def to_arrow(self) -> "pa.Table":
        """The accepted rows as a pyarrow Table (amounts ``decimal128(18, 2)``)."""
        return self._native.to_arrow()

    def to_pandas(self) -> Any:
        """The accepted rows as a pandas DataFrame (amounts as ``Decimal``)."""
        return convert(self.to_arrow(), "pandas")

    def to_polars(self) -> Any:
        """The accepted rows as a polars DataFrame (amounts ``Decimal(18, 2)``)."""
        return convert(self.to_arrow(), "polars")

    def __repr__(self) -> str:
        r = self.reconciliation
        return (
            f"<asf.ledger.Ledger: {r['rows_accepted']} rows accepted ({r['amount_accepted']} SEK), "
            f"{r['rows_rejected']} rejected of {r['rows_read']} read>"
        )

    def _repr_html_(self) -> str:
        r = self.reconciliation
        rows = "".join(
            f"<tr><th style='text-align:left'>{_html.escape(k.replace('_', ' '))}</th>"
            f"<td style='text-align:right'>{_html.escape(str(v))}</td></tr>"
            for k, v in r.items()
        )
        problems = self.problems[:5]
        more = "".join(
            f"<li><code>{_html.escape(p['code'])}</code> {_html.escape(p['path'])}: {_html.escape(p['message'])}</li>"
            for p in problems
        )
        return (
            "<div><strong>asf ledger</strong>"
            f"<table>{rows}</table>"
            + (f"<p>First problems:</p><ul>{more}</ul>" if more else "")
            + "</div>"
        )


def _report(ledger: Ledger) -> None:
    warn_rounded(ledger.rounded)
    r = ledger.reconciliation
    if r["rows_rejected"]:
        codes: Dict[str, int] = {}
        for p in ledger.problems:
            if p["code"] != "ledger_supplier_id_not_orgnr":
                codes[p["code"]] = codes.get(p["code"], 0) + 1
        detail = ", ".join(f"{c} ×{n}" for c, n in sorted(codes.items()))
        _warnings.warn(
            f"{r['rows_rejected']} of {r['rows_read']} ledger rows were rejected ({detail}); "
            "see Ledger.problems",
            DataWarning,
            stacklevel=3,
        )


def read(source: Union[PathLike, TableLike], *, lang: Lang = "en", progress: Optional[bool] = None) -> Ledger:
    """Imports a ledger: a CSV file of the national *Specifikation för leverantörsreskontra*
    (separator, decimal mark, encoding and line ends detected), or any table with the
    national columns or their aliases (``leverantor_id``, ``bokforingsdatum``,
    ``nettobelopp`` required; ``leverantor``, ``forvaltning``, ``konto_nr`` optional).

    Amounts may be decimals, decimal text (``"1234.50"``, ``"1 234,50"``) or floats (rounded
    to the öre with a :class:`asf.DataWarning` saying how many); dates may be dates,
    timestamps or ``YYYY-MM-DD`` text. Rejected rows also raise a ``DataWarning``.

    ``progress`` shows a progress bar (tqdm, notebook-aware) while a file is read;
    ``None`` follows ``asf.options.progress``.

    >>> import asf
    >>> ledger = asf.ledger.read("examples/data/ledger_sample.csv")  # doctest: +SKIP
    >>> import pandas as pd  # doctest: +SKIP
    >>> asf.ledger.read(pd.DataFrame({"leverantor_id": ["5560160680"],
    ...     "bokforingsdatum": ["2025-01-01"], "nettobelopp": ["10,00"]})).reconciliation["rows_accepted"]  # doctest: +SKIP
    1
    """
    if isinstance(source, (str, _os.PathLike)):
        path = _os.fspath(source)
        size = _os.path.getsize(path)
        saved = options.progress
        if progress is not None:
            options.progress = progress
        try:
            callback, bar = _progress_callback(size)
        finally:
            options.progress = saved
        try:
            native = _asf.ledger_read_csv(path, callback)
        except _asf.NativeError as e:
            raise from_native(e.args) from None
        finally:
            if bar is not None:
                bar.close()
        ledger = Ledger(native, "arrow", lang)
    else:
        kind = kind_of(source)
        table = to_arrow_table(source, "ledger")
        try:
            native = _asf.ledger_from_table(table)
        except _asf.NativeError as e:
            raise from_native(e.args) from None
        ledger = Ledger(native, kind, lang)
    _report(ledger)
    return ledger


def as_ledger(source: Union[Ledger, PathLike, TableLike], lang: Lang = "en") -> Ledger:
    """A :class:`Ledger` as is; anything else read with :func:`read`."""
    return source if isinstance(source, Ledger) else read(source, lang=lang)


__all__ = ["DataWarning", "Ledger", "PROGRESS_MIN_BYTES", "read"]
