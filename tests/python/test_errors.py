"""Misuse raises typed, picklable exceptions with code and path; nothing panics."""

from __future__ import annotations

import decimal
import pickle

import pytest

import asf
from asf import _asf


def test_unknown_operation_is_a_value_error_with_code() -> None:
    with pytest.raises(asf.UnknownOperationError) as info:
        asf.evaluate("orgnr.pars", {"id": "x"})
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, asf.AsfError)
    assert (e.code, e.path, e.kind) == ("unknown_operation", "", "unknown_operation")
    assert "orgnr.parse" in e.message


def test_wrong_type_is_a_type_error_with_path() -> None:
    with pytest.raises(asf.RequestTypeError) as info:
        asf.evaluate("orgnr.parse", {"id": 5560160680})
    assert isinstance(info.value, TypeError)
    assert (info.value.code, info.value.path) == ("invalid_type", "/id")


def test_missing_field_points_at_it() -> None:
    with pytest.raises(asf.RequestTypeError) as info:
        asf.evaluate("orgnr.parse", {})
    assert (info.value.code, info.value.path) == ("missing_field", "/id")


@pytest.mark.parametrize("request_", [None, [], "id", 3])
def test_non_mapping_request(request_: object) -> None:
    with pytest.raises(asf.RequestTypeError) as info:
        asf.evaluate("orgnr.parse", request_)  # type: ignore[arg-type]
    assert info.value.code == "invalid_type"


def test_unencodable_values_raise_type_errors() -> None:
    for bad in [object(), float("nan"), decimal.Decimal("NaN")]:
        with pytest.raises(asf.RequestTypeError):
            asf.evaluate("orgnr.parse", {"id": bad})


def test_deep_nesting_is_an_invalid_request_not_a_crash() -> None:
    deep: dict[str, object] = {}
    node = deep
    for _ in range(200):
        child: dict[str, object] = {}
        node["a"] = child
        node = child
    with pytest.raises(asf.InvalidRequestError) as info:
        asf.evaluate("bid.validate", {"bid": deep})
    assert info.value.code == "invalid_json"
    # Unknown fields are skipped without being built, however deep.
    assert asf.evaluate("orgnr.parse", {"id": "556016-0680", "extra": deep})["valid"] is True
    # The same engine still answers.
    assert asf.evaluate("orgnr.parse", {"id": "556016-0680"})["valid"] is True


def test_errors_pickle_round_trip() -> None:
    with pytest.raises(asf.AsfError) as info:
        asf.evaluate("no.such", {})
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is asf.UnknownOperationError
    assert (again.code, again.path, again.message) == (info.value.code, info.value.path, info.value.message)


def test_every_core_error_code_maps_to_its_class() -> None:
    """Drift test: the core's error catalogue and the Python classes agree."""
    from asf._errors import ERROR_CLASSES

    for code, kind in _asf.error_codes():
        assert kind in ERROR_CLASSES, f"{code}: no Python class for kind {kind}"
    assert set(ERROR_CLASSES) == {kind for _, kind in _asf.error_codes()}


def test_rulebook_error_names_the_entry_and_keeps_the_rulebook() -> None:
    engine = asf.Engine()
    bad = {
        "format": "asf-rulebook/1",
        "entries": [
            {
                "id": "reserved.lou_4_18.min_share",
                "value": "0.40",
                "unit": "fraction",
                "valid_from": "2030-01-01",
                "comparison": ">=",
                "source": "test",
                "confidence": "USER",
            }
        ],
    }
    with pytest.raises(asf.RulebookError) as info:
        engine.load_rulebook(bad)
    assert isinstance(info.value, ValueError)
    assert (info.value.code, info.value.path) == ("rulebook_overlap", "/entries/0/valid_from")
    assert "reserved.lou_4_18.min_share" in info.value.message
    answer = engine.evaluate("rulebook.describe", {"as_of": "2030-06-01", "ids": ["reserved.lou_4_18.min_share"]})
    assert answer["entries"][0]["value"] == "0.30"


def test_rulebook_from_path(tmp_path: "pytest.TempPathFactory") -> None:
    import json
    import pathlib

    path = pathlib.Path(str(tmp_path)) / "rb.json"
    path.write_text(
        json.dumps(
            {
                "format": "asf-rulebook/1",
                "entries": [
                    {
                        "id": "threshold.works.sek",
                        "value": "1",
                        "unit": "SEK",
                        "valid_from": "2026-01-01",
                        "valid_to": "2027-12-31",
                        "comparison": ">=",
                        "source": "placeholder for a test",
                        "confidence": "USER",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    engine = asf.Engine().load_rulebook(path)
    out = engine.evaluate("rulebook.describe", {"as_of": "2026-05-05", "ids": ["threshold.works.sek"]})
    assert out["entries"][0]["value"] == "1"
    assert asf.Engine().evaluate("rulebook.describe", {"as_of": "2026-05-05", "ids": ["threshold.works.sek"]})[
        "problems"
    ][0]["code"] == "rule_not_in_force"


def test_datetimes_are_taken_at_their_date() -> None:
    import datetime as dt

    when = dt.datetime(2026, 1, 1, 23, 30)
    assert asf.orgnr.parse("121212+1212", as_of=when)["formatted"] == "121212+1212"
    assert asf.evaluate("rulebook.describe", {"as_of": "2026-01-01"}, today=when)["as_of"] == "2026-01-01"


def test_today_of_the_wrong_type_is_a_request_type_error() -> None:
    with pytest.raises(asf.RequestTypeError):
        asf.evaluate("orgnr.parse", {"id": "556016-0680"}, today=20250101)  # type: ignore[arg-type]


def test_group_by_may_be_a_single_name() -> None:
    assert asf.procurements.reserved_indicators([], group_by="buyer")["groups"] == []  # type: ignore[arg-type]
