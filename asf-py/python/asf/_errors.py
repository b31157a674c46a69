"""Exceptions raised for misuse: an unknown operation, a request that is not JSON-shaped,
a field of the wrong type, a rejected rulebook file.

Bad *business* input never raises: it comes back as ``problems`` in the response.

Every exception carries ``code`` (stable, snake_case), ``path`` (a JSON Pointer into the
request or rulebook file, ``""`` for the whole of it) and ``kind``. Each class also derives
from the built-in exception a Python programmer would expect (``ValueError`` or
``TypeError``), and all of them pickle.
"""

from __future__ import annotations

from typing import Any


class AsfError(Exception):
    """Base class of every error asf raises."""

    kind: str = ""

    def __init__(self, message: str, code: str = "", path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.code, self.path))

    def __str__(self) -> str:
        where = f" at '{self.path}'" if self.path else ""
        return f"{self.code}{where}: {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code!r}, path={self.path!r})"


class UnknownOperationError(AsfError, ValueError):
    """The operation name is not one of :func:`asf.operations`."""

    kind = "unknown_operation"


class InvalidRequestError(AsfError, ValueError):
    """The request is not valid JSON, is too large, or holds an unreadable value (an
    impossible date, an unknown enumeration value)."""

    kind = "invalid_request"


class RequestTypeError(AsfError, TypeError):
    """A field has the wrong type, or a required field is missing."""

    kind = "request_type"


class RulebookError(AsfError, ValueError):
    """A rulebook file was rejected; the rulebook in use is unchanged."""

    kind = "rulebook"


class InternalError(AsfError, RuntimeError):
    """A bug in asf. Please report it with the request that caused it."""

    kind = "internal"


ERROR_CLASSES: dict[str, type[AsfError]] = {
    cls.kind: cls
    for cls in (UnknownOperationError, InvalidRequestError, RequestTypeError, RulebookError, InternalError)
}


def from_native(args: tuple[Any, ...]) -> AsfError:
    """Builds the public exception from the native module's (kind, code, path, message)."""
    kind, code, path, message = (list(args) + ["", "", "", ""])[:4]
    return ERROR_CLASSES.get(str(kind), InternalError)(str(message), str(code), str(path))
