"""Beyond one machine: the same asf function per partition, through Arrow batches.

Sums add up across partitions, distinct supplier counts do not; so partition the ledger by
the columns you group by (here the committee, ``forvaltning``) and every group is whole in
one partition. Each partition is a pandas frame backed by Arrow; ``asf.goals.indicators``
runs on it in Rust with the GIL released, so the workers' threads run in parallel.

Dask (``pip install "dask[dataframe]"``)::

    import dask.dataframe as dd
    ledger = dd.read_csv("ledger-*.csv", sep=";", dtype=str, keep_default_na=False)
    per_committee = indicators_by_partition(ledger, register)   # a Dask DataFrame
    per_committee.compute()

PySpark (``mapInArrow`` hands each task an iterator of ``pyarrow.RecordBatch``)::

    import pyarrow as pa
    def per_partition(batches):
        table = pa.Table.from_batches(list(batches))
        if table.num_rows:
            out = asf.goals.indicators(table, REGISTER, group_by=["year", "forvaltning"])
            yield from out.to_batches()
    spark_df.repartition("forvaltning").mapInArrow(per_partition, SCHEMA)

where ``SCHEMA`` is the Spark form of :data:`META`'s columns (decimal(38,2) for money).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa

import asf

GROUP_BY = ["year", "forvaltning"]


def meta() -> pd.DataFrame:
    """The empty result, for Dask's ``meta``: the columns and dtypes every partition returns."""
    empty = pa.table({"leverantor_id": pa.array([], pa.string()), "bokforingsdatum": pa.array([], pa.string()),
                      "nettobelopp": pa.array([], pa.string()), "forvaltning": pa.array([], pa.string())})
    out: pd.DataFrame = asf.goals.indicators(empty, [], group_by=GROUP_BY, output="pandas")
    return out


def one_partition(part: pd.DataFrame, register: pa.Table) -> pd.DataFrame:
    """asf on one partition (a pandas frame); the result is a pandas frame."""
    if part.empty:
        return meta()
    out: pd.DataFrame = asf.goals.indicators(part, register, group_by=GROUP_BY, output="pandas")
    out.attrs = {}
    return out


def indicators_by_partition(ledger: Any, register: pa.Table) -> Any:
    """Dask: shuffle so each committee is in one partition, then asf per partition."""
    whole = ledger.shuffle(on="forvaltning")
    return whole.map_partitions(one_partition, register, meta=meta())
