"""Shared helpers of the Python test suite. It runs against the built wheel, installed in
a fresh virtual environment, never against the source tree."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"


def vector_files() -> list[pathlib.Path]:
    return sorted(VECTORS.glob("*/*.json"))


def mismatches(expected: Any, actual: Any, at: str = "") -> Iterator[str]:
    """Listed object keys must match; arrays match element-wise; scalars are equal."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for k, v in expected.items():
            if k not in actual:
                yield f"{at}/{k}: missing"
            else:
                yield from mismatches(v, actual[k], f"{at}/{k}")
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            yield f"{at}: expected {len(expected)} items, got {len(actual)}: {actual!r}"
        else:
            for i, (e, a) in enumerate(zip(expected, actual)):
                yield from mismatches(e, a, f"{at}/{i}")
    elif type(expected) is not type(actual) or expected != actual:
        yield f"{at}: expected {expected!r}, got {actual!r}"


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@pytest.fixture(scope="session")
def rust_outputs() -> dict[str, str] | None:
    """Canonical responses written by the Rust runner, when it ran first (make test)."""
    path = ROOT / "build" / "vector-outputs" / "rust.json"
    if not path.exists():
        return None
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data
