"""Goal follow-up over tables: ASF share of spend per year, committee, account or kind of
service (:func:`indicators`), and progress against targets (:func:`progress`).

Everything runs in Rust over columns, with the GIL released: no Python call per row.

>>> import asf, pyarrow as pa, datetime as dt
>>> from decimal import Decimal
>>> ledger = pa.table({
...     "leverantor_id": ["556016-0680", "5567321707", "556016-0680"],
...     "forvaltning": ["Kultur", "Kultur", "Skola"],
...     "bokforingsdatum": [dt.date(2025, 3, 1)] * 3,
...     "nettobelopp": [Decimal("300.00"), Decimal("700.00"), Decimal("1000.00")]})
>>> register = [{"supplier_id": "5560160680"}]
>>> t = asf.goals.indicators(ledger, register, group_by=["year", "committee"])
>>> t.column("forvaltning").to_pylist(), t.column("asf_share").to_pylist()
(['Kultur', 'Skola'], [Decimal('0.300000'), Decimal('1.000000')])
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import html as _html
import json as _json
import warnings as _warnings
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import pyarrow as pa

from ._engine import _encode
from ._errors import RequestTypeError, from_native
from . import _asf
from ._frames import DataWarning, Output, TableLike, convert, kind_of, to_arrow_table
from ._types import Lang, Problem
from .ledger import Ledger, PathLike, as_ledger, _decimals

DateLike = Union[_dt.date, str]
PeriodLike = Union[int, Tuple[DateLike, DateLike], None]

STATUS_COLOURS: Dict[str, str] = {
    "achieved": "#1a7f37",
    "on_track": "#2f81f7",
    "behind": "#cf222e",
    "no_data": "#6e7781",
}


def _iso(d: DateLike) -> str:
    return d.isoformat() if isinstance(d, _dt.date) else str(d)


def _period(period: PeriodLike) -> Optional[Tuple[str, str]]:
    if period is None:
        return None
    if isinstance(period, int) and not isinstance(period, bool):
        return (f"{period:04d}-01-01", f"{period:04d}-12-31")
    if isinstance(period, (tuple, list)) and len(period) == 2:
        return (_iso(period[0]), _iso(period[1]))
    raise RequestTypeError("period is a year or a (from, to) pair of dates", "invalid_type", "/period")


def _register(register: Any) -> "pa.Table":
    if isinstance(register, (list, tuple)) and not register:
        return pa.table({"supplier_id": pa.array([], pa.string())})
    return to_arrow_table(register, "register")


def _group_by(group_by: Union[str, Iterable[str]]) -> List[str]:
    return [group_by] if isinstance(group_by, str) else list(group_by)


def _warn_problems(problems: List[Problem]) -> None:
    other = [p for p in problems if not p["code"].startswith("ledger_")]
    if other:
        codes = sorted({p["code"] for p in other})
        _warnings.warn(
            f"{len(other)} problem(s) with the request: {', '.join(codes)}; first: {other[0]['message']}",
            DataWarning,
            stacklevel=3,
        )


def indicators(
    ledger: Union[Ledger, PathLike, TableLike],
    register: TableLike = (),
    *,
    period: PeriodLike = None,
    group_by: Union[str, Iterable[str]] = ("year",),
    work_integration_accounts: Iterable[str] = (),
    lang: Lang = "en",
    output: Output = None,
) -> Any:
    """ASF spend indicators per group, as a table of the caller's kind (pandas in, pandas
    out; polars in, polars out; Arrow otherwise; ``output`` overrides).

    ``ledger`` is a :class:`asf.ledger.Ledger`, a path, or any table with the ledger
    columns; ``register`` a table (or list of mappings) with ``supplier_id`` and optional
    ``asf_from``, ``asf_to``, ``category``, ``name``. ``group_by`` takes ``year``,
    ``quarter``, ``month``, ``forvaltning`` (alias ``committee``), ``konto_nr`` and
    ``service_kind``; ``period`` a year or a ``(from, to)`` pair.

    Columns: the keys, ``rows``, ``total_spend``, ``asf_spend``, ``asf_share`` (six
    decimals, null without positive spend), ``asf_suppliers``, ``suppliers``,
    ``work_integration_spend``, ``other_asf_spend``. Money is ``decimal128(38, 2)``.
    Rejected ledger rows and register problems raise a :class:`asf.DataWarning`; a
    pandas result also carries them in ``df.attrs["asf"]``.

    >>> import asf, pyarrow as pa
    >>> l = pa.table({"leverantor_id": ["5560160680", "5567321707"],
    ...               "bokforingsdatum": ["2024-06-01", "2025-06-01"],
    ...               "nettobelopp": ["100,00", "50,00"]})
    >>> t = asf.goals.indicators(l, [{"supplier_id": "556016-0680"}], period=2024)
    >>> t.to_pylist()[0]["asf_spend"], t.to_pylist()[0]["year"]
    (Decimal('100.00'), 2024)
    """
    kind = output or (ledger.kind if isinstance(ledger, Ledger) else kind_of(ledger))
    led = as_ledger(ledger, lang)
    try:
        table, summary = led._native.indicators(
            _register(register), _period(period), _group_by(group_by), list(work_integration_accounts), lang
        )
    except _asf.NativeError as e:
        raise from_native(e.args) from None
    info = _json.loads(summary)
    _warn_problems(info["problems"])
    out = convert(table, kind)
    if kind == "pandas":
        out.attrs["asf"] = {"reconciliation": _decimals(info["reconciliation"]), "problems": info["problems"]}
    return out


_PERIOD_MONEY = ("total_spend", "asf_spend", "additional_asf_spend_needed")


def _dec(v: Optional[str]) -> Optional[_decimal.Decimal]:
    return None if v is None else _decimal.Decimal(v)


class ProgressReport:
    """Progress against targets: one entry per target, each period judged against the
    straight-line trajectory from the baseline to the target.

    ``report.targets`` is the JSON-shaped answer (values as exact decimal strings),
    ``report.problems`` what was wrong; :meth:`to_arrow`, :meth:`to_pandas`,
    :meth:`to_polars` give one row per target and period; :meth:`plot` draws actual versus
    trajectory (matplotlib); in a notebook the report shows as a table coloured by status.
    """

    def __init__(self, answer: Dict[str, Any], kind: str = "arrow") -> None:
        self.targets: List[Dict[str, Any]] = answer["targets"]
        self.problems: List[Problem] = answer["problems"]
        self.kind = kind

    def to_arrow(self) -> "pa.Table":
        """One row per target and period; values ``decimal128(38, 6)``, money ``(38, 2)``."""
        rows: Dict[str, List[Any]] = {
            k: []
            for k in (
                "target", "indicator", "period_from", "period_to", "judged_on", "trajectory", "actual",
                "gap", "status", "total_spend", "asf_spend", "additional_asf_spend_needed",
            )
        }
        for i, t in enumerate(self.targets):
            for p in t["periods"]:
                rows["target"].append(t["id"] if t["id"] is not None else str(i))
                rows["indicator"].append(t["indicator"])
                rows["period_from"].append(_dt.date.fromisoformat(p["period"]["from"]))
                rows["period_to"].append(_dt.date.fromisoformat(p["period"]["to"]))
                rows["judged_on"].append(_dt.date.fromisoformat(p["judged_on"]))
                for k in ("trajectory", "actual", "gap"):
                    rows[k].append(_dec(p.get(k)))
                rows["status"].append(p["status"])
                for k in _PERIOD_MONEY:
                    rows[k].append(_dec(p.get(k)))
        value, money = pa.decimal128(38, 6), pa.decimal128(38, 2)
        types = {"trajectory": value, "actual": value, "gap": value, **{k: money for k in _PERIOD_MONEY}}
        return pa.table({k: pa.array(v, types.get(k)) for k, v in rows.items()})

    def to_pandas(self) -> Any:
        """:meth:`to_arrow` as a pandas DataFrame."""
        return convert(self.to_arrow(), "pandas")

    def to_polars(self) -> Any:
        """:meth:`to_arrow` as a polars DataFrame."""
        return convert(self.to_arrow(), "polars")

    def frame(self) -> Any:
        """:meth:`to_arrow` as the kind of frame the ledger came as."""
        return convert(self.to_arrow(), self.kind)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        parts = []
        for t in self.targets:
            latest = t.get("latest") or {}
            parts.append(f"{t['id'] or t['indicator']}: {latest.get('status', 'no_data')}")
        return f"<asf.goals.ProgressReport {'; '.join(parts)}>"

    def _repr_html_(self) -> str:
        out = ["<div><strong>asf goal progress</strong>"]
        for i, t in enumerate(self.targets):
            name = _html.escape(str(t["id"] if t["id"] is not None else f"target {i}"))
            out.append(
                f"<p><strong>{name}</strong> ({_html.escape(t['indicator'])}, {_html.escape(t['direction'])})</p>"
                "<table><tr><th>period</th><th>trajectory</th><th>actual</th><th>gap</th><th>status</th></tr>"
            )
            for p in t["periods"]:
                colour = STATUS_COLOURS.get(p["status"], "#000")
                out.append(
                    f"<tr><td>{p['period']['from']} – {p['period']['to']}</td>"
                    f"<td style='text-align:right'>{p['trajectory']}</td>"
                    f"<td style='text-align:right'>{p.get('actual') or '–'}</td>"
                    f"<td style='text-align:right'>{p.get('gap') or '–'}</td>"
                    f"<td style='color:{colour};font-weight:bold'>{p['status'].replace('_', ' ')}</td></tr>"
                )
            out.append("</table>")
        if self.problems:
            out.append("<ul>" + "".join(f"<li>{_html.escape(p['message'])}</li>" for p in self.problems) + "</ul>")
        out.append("</div>")
        return "".join(out)

    def plot(self, ax: Any = None) -> Any:
        """Actual versus trajectory per target, one line pair each (needs matplotlib:
        ``pip install "asf[plot]"``). Returns the matplotlib Axes; points are coloured by
        status."""
        try:
            import matplotlib.pyplot as plt
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError('report.plot() needs matplotlib: pip install "asf[plot]"') from None
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        for i, t in enumerate(self.targets):
            name = str(t["id"] if t["id"] is not None else f"target {i}")
            xs = [_dt.date.fromisoformat(p["judged_on"]) for p in t["periods"]]
            traj = [float(p["trajectory"]) for p in t["periods"]]  # display only
            ax.plot(xs, traj, linestyle="--", label=f"{name}: trajectory")
            pts = [(x, float(p["actual"]), p["status"]) for x, p in zip(xs, t["periods"]) if p.get("actual") is not None]
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], label=f"{name}: actual")
                ax.scatter([p[0] for p in pts], [p[1] for p in pts], c=[STATUS_COLOURS[p[2]] for p in pts], zorder=3)
        ax.set_xlabel("period")
        ax.set_ylabel("value")
        ax.set_title("Goal progress: actual versus trajectory")
        ax.legend()
        return ax


def progress(
    ledger: Union[Ledger, PathLike, TableLike],
    register: TableLike,
    targets: Union[Mapping[str, Any], Sequence[Mapping[str, Any]]],
    *,
    granularity: str = "year",
    work_integration_accounts: Iterable[str] = (),
    lang: Lang = "en",
) -> ProgressReport:
    """Follows targets over a ledger (operation ``goals.progress``). A target is a mapping
    ``{"id", "indicator", "scope", "baseline": {"period": {"from", "to"}, "value"},
    "target": {"value", "by"}}`` as in ``docs/operations/goals.progress.md``; values may be
    ``Decimal`` or decimal strings. No target value is built in.

    >>> import asf, pyarrow as pa
    >>> l = pa.table({"leverantor_id": ["5560160680", "5567321707"] * 2,
    ...               "bokforingsdatum": ["2024-06-01"] * 2 + ["2025-06-01"] * 2,
    ...               "nettobelopp": ["10", "90", "30", "70"]})
    >>> r = asf.goals.progress(l, [{"supplier_id": "5560160680"}], {"id": "share",
    ...     "indicator": "asf_share",
    ...     "baseline": {"period": {"from": "2023-01-01", "to": "2023-12-31"}, "value": "0.05"},
    ...     "target": {"value": "0.25", "by": "2025-12-31"}})
    >>> [(p["actual"], p["status"]) for p in r.targets[0]["periods"]]
    [('0.100000', 'behind'), ('0.300000', 'achieved')]
    """
    kind = ledger.kind if isinstance(ledger, Ledger) else kind_of(ledger)
    led = as_ledger(ledger, lang)
    items = [targets] if isinstance(targets, Mapping) else list(targets)
    text = _encode({"targets": items})
    try:
        answer = _json.loads(
            led._native.progress(
                _register(register),
                _json.dumps(_json.loads(text)["targets"]),
                granularity,
                list(work_integration_accounts),
                lang,
            )
        )
    except _asf.NativeError as e:
        raise from_native(e.args) from None
    _warn_problems(answer["problems"])
    return ProgressReport(answer, kind)


__all__ = ["ProgressReport", "STATUS_COLOURS", "indicators", "progress"]
