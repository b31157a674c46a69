"""The table-native API: pandas, polars and pyarrow in, the same numbers out, and the same
numbers as the JSON operations."""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import asf
from conftest import ROOT

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

LEDGER = ROOT / "examples" / "data" / "ledger_sample.csv"
REGISTER = ROOT / "examples" / "data" / "register_sample.csv"
WI = ["4630", "cpv:85312"]


def arrow_ledger() -> pa.Table:
    return pacsv.read_csv(
        LEDGER,
        # The sample holds one broken line on purpose; the file reader rejects it.
        parse_options=pacsv.ParseOptions(delimiter=";", invalid_row_handler=lambda row: "skip"),
        convert_options=pacsv.ConvertOptions(column_types={"nettobelopp": pa.string(), "leverantor_id": pa.string()}),
    )


def arrow_register() -> pa.Table:
    return pacsv.read_csv(REGISTER)


def as_arrow(frame: Any) -> pa.Table:
    if isinstance(frame, pa.Table):
        return frame
    if isinstance(frame, pl.DataFrame):
        return frame.to_arrow()
    return pa.Table.from_pandas(frame, preserve_index=False)


def rows(frame: Any) -> list[dict[str, Any]]:
    return as_arrow(frame).to_pylist()


def test_pandas_polars_and_pyarrow_give_identical_results() -> None:
    table = arrow_ledger()
    register = arrow_register()
    pdf = pd.read_csv(LEDGER, sep=";", dtype=str, on_bad_lines="skip", keep_default_na=False)
    pldf = pl.read_csv(LEDGER, separator=";", infer_schema=False)
    group_by = ["year", "committee", "service_kind"]
    a = asf.goals.indicators(table, register, group_by=group_by, work_integration_accounts=WI)
    p = asf.goals.indicators(pdf, register.to_pandas(), group_by=group_by, work_integration_accounts=WI)
    q = asf.goals.indicators(pldf, pl.from_arrow(register), group_by=group_by, work_integration_accounts=WI)
    assert isinstance(a, pa.Table)
    assert isinstance(p, pd.DataFrame)
    assert isinstance(q, pl.DataFrame)
    assert rows(a) == rows(p) == rows(q)
    assert len(rows(a)) > 20
    # Money is exact: Decimal in pandas, Decimal in polars, decimal128 in Arrow.
    assert a.schema.field("total_spend").type == pa.decimal128(38, 2)
    assert isinstance(p["asf_spend"].iloc[0], Decimal)
    assert q.schema["asf_spend"] == pl.Decimal(38, 2)


def test_same_numbers_as_the_file_reader_and_the_json_operation() -> None:
    from_file = asf.goals.indicators(LEDGER, arrow_register(), group_by=["year", "forvaltning"], work_integration_accounts=WI)
    from_table = asf.goals.indicators(arrow_ledger(), arrow_register(), group_by=["year", "forvaltning"], work_integration_accounts=WI)
    assert from_file.equals(from_table)
    # The JSON operation on the same rows.
    ledger_rows = arrow_ledger().to_pylist()
    register_rows = [
        {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items() if v is not None}
        for r in arrow_register().to_pylist()
    ]
    answer = asf.evaluate(
        "goals.indicators",
        {"ledger": ledger_rows, "register": register_rows, "group_by": ["year", "forvaltning"], "work_integration_accounts": WI},
    )
    expected = [
        {
            "year": int(g["key"]["year"]),
            "forvaltning": g["key"]["forvaltning"],
            "rows": g["rows"],
            "total_spend": Decimal(g["total_spend"]),
            "asf_spend": Decimal(g["asf_spend"]),
            "asf_share": None if g["asf_share"] is None else Decimal(g["asf_share"]),
            "asf_suppliers": g["asf_suppliers"],
            "suppliers": g["suppliers"],
            "work_integration_spend": Decimal(g["work_integration_spend"]),
            "other_asf_spend": Decimal(g["other_asf_spend"]),
        }
        for g in answer["groups"]
    ]
    assert from_table.to_pylist() == expected


def test_money_as_decimal_text_comma_text_and_float() -> None:
    base = {"leverantor_id": ["5560160680"] * 3, "bokforingsdatum": ["2025-01-01"] * 3}
    dec = pa.table({**base, "nettobelopp": pa.array([Decimal("1234.50"), Decimal("-0.25"), Decimal("10")], pa.decimal128(12, 2))})
    text = pa.table({**base, "nettobelopp": ["1234.50", "-0,25", "10"]})
    comma = pa.table({**base, "nettobelopp": ["1 234,50", "−0,25", "10,00"]})
    floats = pa.table({**base, "nettobelopp": [1234.5, -0.25, 10.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        totals = [asf.ledger.read(t).reconciliation["amount_accepted"] for t in (dec, text, comma, floats)]
    assert totals == [Decimal("1244.25")] * 4


def test_floats_that_are_not_whole_ore_are_rounded_with_a_warning_that_counts() -> None:
    t = pa.table(
        {
            "leverantor_id": ["5560160680"] * 4,
            "bokforingsdatum": [dt.date(2025, 1, 1)] * 4,
            "nettobelopp": [0.1 + 0.2, 2.675, 1.005, 7.5],
        }
    )
    with pytest.warns(asf.DataWarning, match=r"^3 float amounts were not whole öre"):
        ledger = asf.ledger.read(t)
    assert ledger.rounded == 3
    # Shortest decimal form rounded half away from zero: 0.30000000000000004, 2.675, 1.005.
    assert ledger.to_arrow().column("nettobelopp").to_pylist() == [
        Decimal("0.30"), Decimal("2.68"), Decimal("1.01"), Decimal("7.50")
    ]


def test_rejected_rows_have_codes_and_paths_and_the_reconciliation_adds_up() -> None:
    t = pa.table(
        {
            "leverantor_id": ["5560160680", "5560160680", None, "5560160680", "X-1", None],
            "forvaltning": ["A", "A", "A", "A", "B", None],
            "bokforingsdatum": ["2025-01-01", "2025-02-30", "2025-01-01", "1850-01-01", "20250102", None],
            "nettobelopp": ["1,00", "2", "3", "4", "5,001", None],
        }
    )
    with pytest.warns(asf.DataWarning, match="5 of 6 ledger rows were rejected"):
        ledger = asf.ledger.read(t)
    got = [(p["code"], p["path"]) for p in ledger.problems]
    assert got == [
        ("ledger_invalid_date", "/ledger/1/bokforingsdatum"),
        ("ledger_missing_value", "/ledger/2/leverantor_id"),
        ("ledger_date_out_of_range", "/ledger/3/bokforingsdatum"),
        ("ledger_amount_sub_ore", "/ledger/4/nettobelopp"),
        ("ledger_empty_row", "/ledger/5"),
    ]
    r = ledger.reconciliation
    assert (r["rows_read"], r["rows_accepted"], r["rows_rejected"]) == (6, 1, 5)
    assert r["amount_accepted"] == Decimal("1.00")
    assert r["amount_rejected_parsable"] == Decimal("14.001")


def test_typed_dates_timestamps_and_integers() -> None:
    t = pa.table(
        {
            "Leverantörsnummer": pa.array([5560160680, 5567321707], pa.int64()),
            "konto_nr": pa.array([4560, 4010], pa.int32()),
            "datum": pa.array([dt.datetime(2025, 3, 1, 12), dt.datetime(2024, 12, 31, 23)], pa.timestamp("ns")),
            "belopp": pa.array([100, 200], pa.int64()),
        }
    )
    out = asf.goals.indicators(t, [{"supplier_id": "556016-0680"}], group_by=["year", "konto_nr"])
    assert out.to_pylist() == [
        {"year": 2024, "konto_nr": "4010", "rows": 1, "total_spend": Decimal("200.00"), "asf_spend": Decimal("0.00"),
         "asf_share": Decimal("0.000000"), "asf_suppliers": 0, "suppliers": 1,
         "work_integration_spend": Decimal("0.00"), "other_asf_spend": Decimal("0.00")},
        {"year": 2025, "konto_nr": "4560", "rows": 1, "total_spend": Decimal("100.00"), "asf_spend": Decimal("100.00"),
         "asf_share": Decimal("1.000000"), "asf_suppliers": 1, "suppliers": 1,
         "work_integration_spend": Decimal("0.00"), "other_asf_spend": Decimal("100.00")},
    ]


def test_polars_string_views_and_categoricals() -> None:
    df = pl.DataFrame(
        {
            "leverantor_id": ["5560160680", "5567321707", "5560160680"],
            "forvaltning": pl.Series(["A", "B", "A"], dtype=pl.Categorical),
            "bokforingsdatum": [dt.date(2025, 1, 1)] * 3,
            "nettobelopp": pl.Series(["1.00", "2.00", "3.00"]).cast(pl.Decimal(10, 2)),
        }
    )
    out = asf.goals.indicators(df, pl.DataFrame({"supplier_id": ["5560160680"]}), group_by="forvaltning")
    assert isinstance(out, pl.DataFrame)
    assert out.select("forvaltning", "asf_spend").rows() == [("A", Decimal("4.00")), ("B", Decimal("0.00"))]


def test_a_ledger_is_read_once_and_reused_and_converts() -> None:
    ledger = asf.ledger.read(LEDGER)
    assert len(ledger) == ledger.reconciliation["rows_accepted"] > 2900
    by_year = asf.goals.indicators(ledger, arrow_register(), output="pandas")
    assert list(by_year.columns[:2]) == ["year", "rows"]
    assert by_year.attrs["asf"]["reconciliation"]["rows_read"] == ledger.reconciliation["rows_read"]
    assert sum(by_year["total_spend"]) == ledger.reconciliation["amount_accepted"]
    assert ledger.to_polars().height == len(ledger) == ledger.to_pandas().shape[0]
    html = ledger._repr_html_()
    assert "rows accepted" in html


def test_period_and_reversed_period() -> None:
    t = asf.goals.indicators(LEDGER, arrow_register(), period=(dt.date(2025, 1, 1), "2025-06-30"), group_by="quarter")
    assert t.column("quarter").to_pylist() == ["2025-Q1", "2025-Q2"]
    with pytest.warns(asf.DataWarning, match="goals_period_reversed"):
        asf.goals.indicators(LEDGER, arrow_register(), period=("2025-06-30", "2025-01-01"))


def test_misuse_raises_errors_with_code_and_path() -> None:
    with pytest.raises(asf.RequestTypeError) as info:
        asf.ledger.read(pa.table({"leverantor_id": ["1"], "bokforingsdatum": ["2025-01-01"]}))
    assert (info.value.code, info.value.path) == ("missing_field", "/ledger/nettobelopp")
    with pytest.raises(asf.InvalidRequestError) as bad:
        asf.goals.indicators(LEDGER, arrow_register(), group_by=["year", "week"])
    assert (bad.value.code, bad.value.path) == ("invalid_value", "/group_by/1")
    with pytest.raises(asf.RequestTypeError) as reg:
        asf.goals.indicators(LEDGER, pa.table({"orgnr": ["1"]}))
    assert (reg.value.code, reg.value.path) == ("missing_field", "/register/supplier_id")
    with pytest.raises(asf.RequestTypeError) as money:
        asf.ledger.read(pa.table({"leverantor_id": ["1"], "bokforingsdatum": ["2025-01-01"], "nettobelopp": [True]}))
    assert (money.value.code, money.value.path) == ("invalid_type", "/ledger/nettobelopp")
    with pytest.raises(TypeError):
        asf.ledger.read(42)  # type: ignore[arg-type]


def test_parse_many_returns_the_callers_kind() -> None:
    ids = ["556016-0680", "556016-0681", "19121212-1212"]
    a = asf.orgnr.parse_many(pa.array(ids))
    p = asf.orgnr.parse_many(pd.Series(ids))
    q = asf.orgnr.parse_many(pl.Series(ids))
    assert isinstance(p, pd.DataFrame) and isinstance(q, pl.DataFrame)
    assert rows(a) == rows(p) == rows(q)
    for i, r in zip(ids, a.to_pylist()):
        single = asf.orgnr.parse(i)
        assert {k: r[k] for k in single if k != "problems"} == {k: v for k, v in single.items() if k != "problems"}
        assert r["problem_codes"] == [x["code"] for x in single["problems"]]


def test_de_minimis_audit_matches_the_operation() -> None:
    grants = [
        {"org_id": "A", "date": "2024-05-01", "amount": "250000", "currency": "EUR", "reference": "g1"},
        {"org_id": "A", "date": "2025-05-01", "amount": "60000", "currency": "EUR", "reference": "g2"},
        {"org_id": "B", "date": "2025-05-01", "amount": "600000", "currency": "SEK", "eur_rate": "11.20", "reference": "g3"},
    ]
    answer = asf.evaluate("aid.de_minimis.audit", {"grants": grants})
    frame = asf.aid.de_minimis_audit(pd.DataFrame(grants))
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["index"]) == [b["index"] for b in answer["breaches"]] == [1]
    assert frame["used_eur"].iloc[0] == Decimal(answer["breaches"][0]["used_eur"])
    assert frame.attrs["asf"]["grants_checked"] == 3
    polars_frame = asf.aid.de_minimis_audit(pl.DataFrame(grants))
    assert rows(polars_frame) == rows(frame)


def test_progress_report_table_html_and_kinds() -> None:
    target = {
        "id": "city",
        "indicator": "asf_share",
        "baseline": {"period": {"from": "2023-01-01", "to": "2023-12-31"}, "value": Decimal("0.02")},
        "target": {"value": "0.05", "by": "2027-12-31"},
    }
    report = asf.goals.progress(LEDGER, arrow_register(), target, work_integration_accounts=WI)
    answer = asf.evaluate(
        "goals.progress",
        {
            "ledger": arrow_ledger().to_pylist(),
            "register": [
                {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items() if v is not None}
                for r in arrow_register().to_pylist()
            ],
            "targets": [target],
            "work_integration_accounts": WI,
        },
    )
    assert report.targets == answer["targets"]
    t = report.to_arrow()
    assert t.column("period_from").to_pylist()[0] == dt.date(2024, 1, 1)
    assert t.schema.field("trajectory").type == pa.decimal128(38, 6)
    assert report.to_pandas().shape[0] == report.to_polars().height == t.num_rows == 4
    html = report._repr_html_()
    for p in report.targets[0]["periods"]:
        assert asf.goals.STATUS_COLOURS[p["status"]] in html


def test_bad_target_is_an_error_with_a_path() -> None:
    with pytest.raises(asf.InvalidRequestError) as info:
        asf.goals.progress(LEDGER, arrow_register(), {"indicator": "asf_share"})
    assert info.value.path.startswith("/targets/0")


def test_an_error_in_the_progress_callback_stops_the_read_and_is_raised_as_is() -> None:
    """A raising callback (or Ctrl-C) must end the import with that exception, never hang
    or turn into an asf error."""
    from asf import _asf

    class Stop(Exception):
        pass

    calls: list[int] = []

    def callback(read: int) -> None:
        calls.append(read)
        raise Stop("enough")

    sample = ROOT / "examples" / "data" / "ledger_sample.csv"
    with pytest.raises(Stop):
        _asf.ledger_read_csv(str(sample), callback)
    assert len(calls) == 1


def test_an_audit_without_breaches_keeps_its_column_types() -> None:
    grants = pa.table({"org_id": ["556016-0680"], "date": [dt.date(2025, 1, 1)], "amount": ["1"], "currency": ["EUR"]})
    schema = asf.aid.de_minimis_audit(grants).schema
    assert schema.field("date").type == pa.date32()
    assert schema.field("window_from").type == pa.date32()
    assert schema.field("undertaking").type == pa.string()
    assert schema.field("used_eur").type == pa.decimal128(38, 2)


def test_ids_mixing_numbers_and_text_are_read_as_text() -> None:
    out = asf.orgnr.parse_many([5560160680, "556016-0680"])
    assert out.column("formatted").to_pylist() == ["556016-0680", "556016-0680"]


def test_the_wrong_kind_of_table_is_a_request_type_error_with_a_path() -> None:
    with pytest.raises(asf.RequestTypeError) as info:
        asf.orgnr.parse_many({"a": 1})
    assert (info.value.code, info.value.path) == ("invalid_type", "/ids")
    with pytest.raises(asf.RequestTypeError) as info2:
        asf.ledger.read(None)  # type: ignore[arg-type]
    assert info2.value.code == "invalid_type"
