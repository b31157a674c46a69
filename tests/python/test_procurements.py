"""asf.procurements against the real files in the shared data folder (skipped without it)."""

from __future__ import annotations

import pathlib

import pytest

import asf
from conftest import ROOT

DATA = ROOT.parent / "shared" / "data"
EXPORT = DATA / "upphandlingsmyndigheten" / "number_of_procurements_2021.csv.gz"
NOTICES = DATA / "eforms" / "notices"


@pytest.mark.skipif(not EXPORT.exists(), reason=f"{EXPORT} is not here (shared data absent)")
def test_the_2021_export_gives_the_published_reserved_counts() -> None:
    result = asf.procurements.read(EXPORT, as_of="2021-12-31")
    assert (result["format"], result["rows_read"], result["rows_rejected"]) == ("uhm_export", 18421, 0)
    totals = asf.procurements.reserved_indicators(result, group_by=["year"])["groups"]
    assert len(totals) == 1
    year = totals[0]
    assert (year["procurements"], year["reserved_participation"], year["reserved_execution"], year["both"]) == (
        18421,
        22,
        8,
        3,
    )


@pytest.mark.skipif(not NOTICES.exists(), reason=f"{NOTICES} is not here (shared data absent)")
def test_an_eforms_notice_from_bytes_and_from_a_path_agree() -> None:
    path = NOTICES / "cn-social_24.xml"
    assert asf.procurements.read(path) == asf.procurements.read(path.read_bytes())


def test_unreadable_content_is_an_invalid_request() -> None:
    with pytest.raises(asf.InvalidRequestError) as info:
        asf.procurements.read(b"")
    assert info.value.code == "invalid_value"


def test_source_of_the_wrong_type() -> None:
    with pytest.raises(asf.RequestTypeError):
        asf.procurements.read(42)  # type: ignore[arg-type]
