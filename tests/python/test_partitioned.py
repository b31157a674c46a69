"""The per-partition example (docs/examples/partitioned.py) on a small table, with Dask when
it is installed."""

from __future__ import annotations

import importlib.util
import warnings

import pyarrow.csv as pacsv
import pytest

import asf
from conftest import ROOT


def load_example() -> object:
    spec = importlib.util.spec_from_file_location("partitioned", ROOT / "docs" / "examples" / "partitioned.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dask_partitions_give_the_single_machine_answer() -> None:
    pd = pytest.importorskip("pandas")
    try:
        import dask.dataframe as dd
    except ImportError:
        pytest.skip('Dask is not installed here (pip install "dask[dataframe]"): the partitioned example is not run')
    example = load_example()
    ledger = pd.read_csv(ROOT / "examples" / "data" / "ledger_sample.csv", sep=";", dtype=str,
                         keep_default_na=False, on_bad_lines="skip")
    register = pacsv.read_csv(ROOT / "examples" / "data" / "register_sample.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", asf.DataWarning)
        whole = asf.goals.indicators(ledger, register, group_by=["year", "forvaltning"])
        parts = example.indicators_by_partition(dd.from_pandas(ledger, npartitions=4), register)  # type: ignore[attr-defined]
        got = parts.compute(scheduler="threads")
    key = ["year", "forvaltning"]
    got = got.sort_values(key).reset_index(drop=True)
    assert got.to_dict("records") == whole.sort_values(key).reset_index(drop=True).to_dict("records")
    assert len(got) == 30
