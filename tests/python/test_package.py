"""The package as a user meets it: docstring examples, the catalogue, typing."""

from __future__ import annotations

import doctest
import importlib
import pathlib
import re
import subprocess
import sys

import pytest

import asf
from asf import _asf, _codes

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "module", ["asf", "asf._engine", "asf.orgnr", "asf.ledger", "asf.goals", "asf.aid", "asf._options", "asf.procurements"]
)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


def test_catalogue_is_complete_in_both_languages() -> None:
    for row in asf.catalogue():
        assert row["en"].strip() and row["sv"].strip(), row["code"]
        assert sorted(re.findall(r"\{(\w+)\}", row["en"])) == sorted(re.findall(r"\{(\w+)\}", row["sv"]))


def test_problem_code_literal_matches_the_core() -> None:
    """Drift test: the ProblemCode type shipped to Python users lists exactly the core's codes
    (regenerate with `make codes`)."""
    from typing import get_args

    assert sorted(get_args(_codes.ProblemCode)) == sorted(code for code, _, _ in _asf.catalogue())


def test_operations_are_listed() -> None:
    assert {"orgnr.parse", "rulebook.describe"} <= set(asf.operations())


def test_wheel_ships_typing_files() -> None:
    package = pathlib.Path(asf.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_asf.pyi").exists()


def test_stubs_match_the_built_module() -> None:
    """The hand-written stub of the native module agrees with the built extension. (The
    pure-Python modules carry inline annotations, checked by the mypy --strict test.)"""
    subprocess.run([sys.executable, "-m", "mypy.stubtest", "asf._asf"], check=True)


def test_typed_usage_passes_mypy_strict() -> None:
    subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(ROOT / "tests" / "python" / "typed_usage.py")],
        check=True,
    )
