"""Types shared by every operation."""

from __future__ import annotations

from typing import Any, Dict, Literal, TypedDict

Lang = Literal["en", "sv"]


class Problem(TypedDict):
    """What is wrong or missing in a request: a stable ``code``, a JSON Pointer ``path``
    into the request, a ``message`` in the requested language and its ``params``."""

    code: str
    path: str
    message: str
    params: Dict[str, Any]


__all__ = ["Lang", "Problem"]
