"""asf: the rules Swedish public buyers apply when they promote work-integration social
enterprises (arbetsintegrerande sociala företag, ASF).

One Rust core, the same answers in Rust, Python and the browser. Every capability is an
operation with a name and a JSON-shaped request and response:

>>> import asf
>>> asf.evaluate("orgnr.parse", {"id": "556016-0680"})["legal_form_group"]
'limited_company'

Bad business input comes back as ``problems``; misuse raises an :class:`AsfError`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from . import _asf
from ._engine import Engine, RulebookSource
from ._errors import (
    AsfError,
    InternalError,
    InvalidRequestError,
    RequestTypeError,
    RulebookError,
    UnknownOperationError,
)
from . import orgnr, procurements
from ._frames import DataWarning
from ._options import options

__version__: str = _asf.__version__

_default_engine = Engine()


def evaluate(op: str, request: Mapping[str, Any], *, today: _dt.date | str | None = None) -> dict[str, Any]:
    """Runs operation ``op`` with the default engine.

    >>> import asf
    >>> asf.evaluate("orgnr.parse", {"id": "5560160680"})["formatted"]
    '556016-0680'
    """
    return _default_engine.evaluate(op, request, today=today)


def load_rulebook(source: RulebookSource) -> None:
    """Adds a rulebook file's entries to the default engine (see :meth:`Engine.load_rulebook`)."""
    _default_engine.load_rulebook(source)


def reset_rulebook() -> None:
    """Returns the default engine to the embedded default rulebook."""
    global _default_engine
    _default_engine = Engine()


def operations() -> list[str]:
    """The names of all operations.

    >>> import asf
    >>> "orgnr.parse" in asf.operations()
    True
    """
    return list(_asf.operations())


def catalogue() -> list[dict[str, str]]:
    """Every problem code with its English and Swedish message templates.

    >>> import asf
    >>> next(c for c in asf.catalogue() if c["code"] == "orgnr_empty")["sv"]
    'Organisationsnumret är tomt.'
    """
    return [{"code": code, "en": en, "sv": sv} for code, en, sv in _asf.catalogue()]


from . import aid, goals, ledger  # noqa: E402  (they use the default engine)

__all__ = [
    "AsfError",
    "DataWarning",
    "Engine",
    "InternalError",
    "InvalidRequestError",
    "RequestTypeError",
    "RulebookError",
    "UnknownOperationError",
    "aid",
    "catalogue",
    "evaluate",
    "goals",
    "ledger",
    "load_rulebook",
    "operations",
    "options",
    "orgnr",
    "procurements",
    "reset_rulebook",
]
