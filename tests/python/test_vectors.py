"""The conformance vectors (tests/vectors), run through the installed wheel."""

from __future__ import annotations

import json
import os
import pathlib
from typing import Any

import pytest

import asf
from conftest import ROOT, VECTORS, canonical, mismatches, vector_files


def run_vector(path: pathlib.Path) -> tuple[list[str], str]:
    v = json.loads(path.read_text(encoding="utf-8"))
    op = path.parent.name
    engine = asf.Engine()
    for rb in v.get("rulebook", []):
        engine.load_rulebook(rb)
    today = v.get("today", "2026-01-01")
    try:
        actual: Any = engine.evaluate(op, v["request"], today=today)
    except asf.AsfError as e:
        if "error" not in v:
            return [f"unexpected error {e!r}"], ""
        err = {"kind": e.kind, "code": e.code, "path": e.path, "message": e.message}
        return list(mismatches(v["error"], err, "#error")), canonical({"error": err})
    if "response" not in v:
        return [f"expected an error, got {actual!r}"], ""
    return list(mismatches(v["response"], actual)), canonical(actual)


@pytest.mark.parametrize("path", vector_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_vector(path: pathlib.Path, rust_outputs: dict[str, str] | None) -> None:
    problems, out = run_vector(path)
    assert not problems, "\n".join(problems)
    if rust_outputs is not None:
        name = f"{path.parent.name}/{path.name}"
        assert out == rust_outputs[name], "Python and Rust differ byte for byte"
    elif os.environ.get("ASF_REQUIRE_RUST_OUTPUTS"):
        pytest.fail("build/vector-outputs/rust.json is missing: run the Rust vectors first")


def test_there_are_enough_vectors() -> None:
    assert len(vector_files()) >= 40


def test_a_broken_vector_fails(tmp_path: pathlib.Path) -> None:
    """The runner can fail: a vector with a wrong expectation is reported."""
    broken = json.loads((ROOT / "tests" / "vectors-selftest" / "broken.json").read_text(encoding="utf-8"))
    target = tmp_path / "orgnr.parse" / "broken.json"
    target.parent.mkdir()
    target.write_text(json.dumps(broken), encoding="utf-8")
    problems, _ = run_vector(target)
    assert problems == ["/formatted: expected '556016-0681', got '556016-0680'"]


def test_same_json_as_rust_for_the_issue_example(rust_outputs: dict[str, str] | None) -> None:
    out = canonical(asf.evaluate("orgnr.parse", {"id": "556016-0680"}))
    assert out == (
        '{"formatted":"556016-0680","id_kind":"organisation_number","legal_form_group":"limited_company",'
        '"normalized":"5560160680","problems":[],"valid":true,"vat_number":"SE556016068001"}'
    )
    if rust_outputs is not None:
        assert out == rust_outputs["orgnr.parse/01-real-limited-company.json"]
