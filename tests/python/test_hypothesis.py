"""Hostile input from Hypothesis to every operation, through the built wheel: each call
returns a dict or raises an ``asf.AsfError`` subclass with a known code and a JSON Pointer
path; never a PanicException, another exception or a crash; and the same engine still
answers correctly afterwards. Derandomised, so a failure reproduces (see
docs/robustness.md)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import asf
from asf import _asf

from conftest import vector_files

OPERATIONS = asf.operations()
ERROR_CODES = dict(_asf.error_codes())
TODAY = "2026-01-01"

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _request_keys() -> list[str]:
    keys: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, dict):
            for k, x in v.items():
                keys.add(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for f in vector_files():
        walk(json.loads(f.read_text(encoding="utf-8")).get("request"))
    return sorted(keys)


KEYS = _request_keys()
SEEDS = [
    (f.parent.name, json.loads(f.read_text(encoding="utf-8"))["request"])
    for f in vector_files()
    if "request" in json.loads(f.read_text(encoding="utf-8"))
]

HOSTILE_STRINGS = [
    "", " ", "NaN", "Infinity", "-0", "1e3", "1,5", "0x10", "2024-02-30", "0000-01-01",
    "9999-12-31", "+262143-01-01", "12-31", "02-29", "556016-0680", "sv", "en", "EUR", "SEK",
    "\u0000", "\ufeff", "{id}", "9" * 400, "é" * 5000,
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(HOSTILE_STRINGS),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=6),
    ),
    max_leaves=30,
)
requests = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), json_values, max_size=8)


def check(engine: asf.Engine, op: str, request: dict[str, Any]) -> None:
    try:
        out = engine.evaluate(op, request, today=TODAY)
    except asf.AsfError as e:
        assert not isinstance(e, asf.InternalError), f"{op}: internal error {e!r} for {request!r}"
        assert e.code in ERROR_CODES, f"{op}: unknown code {e.code!r}"
        assert e.kind == ERROR_CODES[e.code], f"{op}: {e.code} has kind {e.kind!r}"
        assert e.path == "" or e.path.startswith("/"), f"{op}: path {e.path!r}"
        return
    except BaseException as e:  # noqa: B036 - a PanicException derives from BaseException
        pytest.fail(f"{op} raised {type(e).__name__}: {e!r} for {request!r}")
    assert isinstance(out, dict), f"{op}: {out!r}"


def still_answers(engine: asf.Engine) -> None:
    out = engine.evaluate("orgnr.parse", {"id": "556016-0680", "lang": "sv"}, today=TODAY)
    assert (out["valid"], out["formatted"], out["vat_number"]) == (True, "556016-0680", "SE556016068001")
    out = engine.evaluate("orgnr.parse", {"id": "556016-0681", "lang": "sv"}, today=TODAY)
    assert [p["code"] for p in out["problems"]] == ["orgnr_checksum"]


ENGINE = asf.Engine()


@SETTINGS
@given(op=st.sampled_from(OPERATIONS), request=requests)
def test_arbitrary_json_to_every_operation(op: str, request: dict[str, Any]) -> None:
    check(ENGINE, op, request)
    still_answers(ENGINE)


def like(value: Any) -> st.SearchStrategy[Any]:
    """Mostly a value of the same JSON type (so decoding passes and the rules run), at times
    any value."""
    same: st.SearchStrategy[Any]
    if isinstance(value, bool) or value is None:
        same = st.sampled_from([None, True, False])
    elif isinstance(value, (int, float)):
        same = st.one_of(
            st.integers(min_value=-(2**70), max_value=2**70),
            st.sampled_from([0, -1, 1, 2**31, 2**53, 2**63, 2**64, 10**28, 10**29]),
            st.floats(allow_nan=False, allow_infinity=False),
        )
    elif isinstance(value, str):
        same = st.one_of(st.sampled_from(HOSTILE_STRINGS), st.text(max_size=30), st.just(value + value))
    elif isinstance(value, list):
        same = st.lists(json_values, max_size=4) if not value else st.integers(0, 300).map(lambda n: value * n)
    else:
        same = st.dictionaries(st.sampled_from(KEYS), json_values, max_size=4)
    return st.one_of(same, same, same, json_values)


@st.composite
def mutated_vectors(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A vector's request with one to three values replaced or removed: past decoding, into
    the rules."""
    op, request = draw(st.sampled_from(SEEDS))
    request = copy.deepcopy(request)
    for _ in range(draw(st.integers(1, 3))):
        node: Any = request
        while True:
            if isinstance(node, dict) and node:
                key = draw(st.sampled_from(sorted(node)))
                child = node[key]
                if isinstance(child, (dict, list)) and child and draw(st.booleans()):
                    node = child
                    continue
                if draw(st.integers(0, 5)) == 0:
                    del node[key]
                else:
                    node[key] = draw(like(child))
            elif isinstance(node, list) and node:
                i = draw(st.integers(0, len(node) - 1))
                child = node[i]
                if isinstance(child, (dict, list)) and child and draw(st.booleans()):
                    node = child
                    continue
                node[i] = draw(like(child))
            break
    return op, request


@SETTINGS
@given(case=mutated_vectors())
def test_mutated_vectors(case: tuple[str, dict[str, Any]]) -> None:
    op, request = case
    check(ENGINE, op, request)
    still_answers(ENGINE)


def test_requests_over_the_item_limit_are_input_too_large() -> None:
    # {"id": ..., "a": [0, ...]}: the object, its second member, the array and its commas.
    with pytest.raises(asf.InvalidRequestError) as info:
        ENGINE.evaluate("orgnr.parse", {"id": "556016-0680", "a": [0] * 4_000_000})
    assert (info.value.code, info.value.path) == ("input_too_large", "")
    assert "4000002 items" in info.value.message
    assert ENGINE.evaluate("orgnr.parse", {"id": "556016-0680", "a": [0] * 3_999_990})["valid"] is True


def test_the_engine_still_answers_after_the_storm() -> None:
    # Runs after the two property tests above (pytest keeps file order) on the same engine.
    still_answers(ENGINE)
    still_answers(asf._default_engine)
