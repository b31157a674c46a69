"""The engine: a rulebook and the operations that use it."""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import json as _json
import os as _os
from typing import Any, Mapping, Union

from . import _asf
from ._errors import AsfError, RequestTypeError, from_native

RulebookSource = Union[str, "_os.PathLike[str]", Mapping[str, Any]]


def _default(value: Any) -> Any:
    # Exact decimals travel as strings; money fields accept them.
    if isinstance(value, _decimal.Decimal):
        if not value.is_finite():
            raise TypeError(f"{value} is not a finite decimal")
        return str(value)
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _day(value: Any, name: str) -> str | None:
    """A date argument as YYYY-MM-DD: a date, a datetime (its date) or a string."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise RequestTypeError(f"{name} must be a date or a string YYYY-MM-DD, not {type(value).__name__}", "invalid_type", "")


def _encode(request: Any) -> str:
    if not isinstance(request, Mapping):
        raise RequestTypeError(
            f"the request must be a mapping (dict), not {type(request).__name__}", "invalid_type", ""
        )
    try:
        return _json.dumps(request, default=_default, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError) as e:
        raise RequestTypeError(f"the request cannot be encoded as JSON: {e}", "invalid_type", "") from None


class Engine:
    """A rulebook and the operations that use it.

    ``Engine()`` starts from the embedded default rulebook. :meth:`load_rulebook` adds a
    rulebook file's entries; a rejected file leaves the engine as it was.

    >>> from asf import Engine
    >>> engine = Engine()
    >>> engine.evaluate("orgnr.parse", {"id": "556016-0680"})["formatted"]
    '556016-0680'
    """

    def __init__(self) -> None:
        self._native = _asf.Engine()

    def evaluate(self, op: str, request: Mapping[str, Any], *, today: _dt.date | str | None = None) -> dict[str, Any]:
        """Runs operation ``op`` on ``request`` and returns the response as a dict of plain
        JSON values (money as decimal strings).

        ``today`` is the date used where the request leaves its as-of date out (default:
        today's UTC date).
        """
        if not isinstance(op, str):
            raise RequestTypeError(f"the operation name must be a string, not {type(op).__name__}", "invalid_type", "")
        text = _encode(request)
        day = _day(today, "today")
        try:
            out = self._native.evaluate_json(op, text, day)
        except _asf.NativeError as e:
            raise from_native(e.args) from None
        result: dict[str, Any] = _json.loads(out)
        return result

    def load_rulebook(self, source: RulebookSource) -> "Engine":
        """Adds the entries of a rulebook file: a path, JSON text, or the parsed mapping.

        Raises :class:`asf.RulebookError` (with the entry's JSON Pointer in ``path``) and
        keeps the current rulebook if the file is invalid. Returns the engine.
        """
        if isinstance(source, Mapping):
            text = _encode(source)
        elif isinstance(source, _os.PathLike) or (isinstance(source, str) and not source.lstrip().startswith("{")):
            with open(source, encoding="utf-8") as f:
                text = f.read()
        elif isinstance(source, str):
            text = source
        else:
            raise RequestTypeError("a rulebook is a path, JSON text or a mapping", "invalid_type", "")
        try:
            self._native.load_rulebook_json(text)
        except _asf.NativeError as e:
            raise from_native(e.args) from None
        return self

    def rulebook(self) -> list[dict[str, Any]]:
        """Every entry of the rulebook in use, ordered by id and start date."""
        entries: list[dict[str, Any]] = _json.loads(self._native.rulebook_json())
        return entries


__all__ = ["Engine", "AsfError"]
