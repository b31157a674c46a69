"""Goal indicators over the same 10-million-row synthetic ledger, four ways, asserted equal:

  (a) asf Python from a pyarrow table   (b) the asf Rust core (example bench_goals)
  (c) idiomatic pandas                  (d) idiomatic polars

plus ledger CSV import (asf.ledger.read against polars.read_csv and pyarrow.csv) and the
peak memory (max RSS) of each, every measurement in a fresh process.

    python benches/python/goals.py [ROWS]        # from the repository root, default 10 000 000

Needs the asf wheel, pyarrow, pandas and polars installed, and cargo (for the generator
and the Rust figure). Prints a Markdown table for docs/benchmarks.md. Not a test.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import resource
import subprocess
import sys
import time
from typing import Any, Callable

ROOT = pathlib.Path(__file__).resolve().parents[2]
WORK = pathlib.Path(os.environ.get("ASF_BENCH_DIR", "/tmp/asf-bench"))
GROUP_BY = ["year", "forvaltning"]
WI_ACCOUNTS = ["4630"]
WI_CPV = "85312"
KEYS = ["year", "forvaltning", "rows", "total_ore", "asf_ore", "wi_ore", "suppliers", "asf_suppliers"]


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best(f: Callable[[], Any], n: int) -> tuple[float, Any]:
    out, times = None, []
    for _ in range(n):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return min(times), out


def load_table(path: pathlib.Path) -> Any:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    return pacsv.read_csv(
        path,
        parse_options=pacsv.ParseOptions(delimiter=";", invalid_row_handler=lambda row: "skip"),
        convert_options=pacsv.ConvertOptions(
            column_types={"nettobelopp": pa.string(), "leverantor_id": pa.string(), "konto_nr": pa.string(),
                          "bokforingsdatum": pa.string()},
            include_columns=["leverantor_id", "forvaltning", "konto_nr", "bokforingsdatum", "nettobelopp"],
        ),
    )


def register_table() -> Any:
    import pyarrow.csv as pacsv

    return pacsv.read_csv(WORK / "register.csv")


def normalise_asf(t: Any) -> list[tuple[Any, ...]]:
    rows = t.to_pylist()
    return sorted(
        (r["year"], r["forvaltning"], r["rows"], int(r["total_spend"] * 100), int(r["asf_spend"] * 100),
         int(r["work_integration_spend"] * 100), r["suppliers"], r["asf_suppliers"])
        for r in rows
    )


def run_asf(path: pathlib.Path) -> dict[str, Any]:
    import asf

    table = load_table(path)
    register = register_table()
    loaded = maxrss_mb()
    import warnings

    warnings.simplefilter("ignore")
    secs, out = best(lambda: asf.goals.indicators(table, register, group_by=GROUP_BY, work_integration_accounts=WI_ACCOUNTS + ["cpv:" + WI_CPV]), 3)
    ledger = asf.ledger.read(table)
    reuse, _ = best(lambda: asf.goals.indicators(ledger, register, group_by=GROUP_BY, work_integration_accounts=WI_ACCOUNTS + ["cpv:" + WI_CPV]), 5)
    return {"seconds": secs, "seconds_on_ledger": reuse, "rss_loaded_mb": loaded, "rss_mb": maxrss_mb(), "result": normalise_asf(out)}


def run_pandas(path: pathlib.Path) -> dict[str, Any]:
    import pandas as pd

    df = load_table(path).to_pandas()
    reg = register_table().to_pandas()
    loaded = maxrss_mb()

    def compute() -> Any:
        key = df["leverantor_id"].str.replace("-", "", regex=False)
        ore = (pd.to_numeric(df["nettobelopp"].str.replace(",", ".", regex=False), errors="coerce") * 100).round()
        date = pd.to_datetime(df["bokforingsdatum"], errors="coerce", format="%Y-%m-%d")
        ok = ore.notna() & date.notna() & key.notna() & (key != "")
        d = pd.DataFrame({"key": key[ok], "ore": ore[ok].astype("int64"), "date": date[ok],
                          "forvaltning": df["forvaltning"][ok], "konto": df["konto_nr"][ok]})
        r = pd.DataFrame({"key": reg["supplier_id"].str.replace("-", "", regex=False),
                          "asf_from": pd.to_datetime(reg["asf_from"]), "asf_to": pd.to_datetime(reg["asf_to"]),
                          "wi_cpv": reg["category"].fillna("").str.startswith(WI_CPV), "in_register": True})
        m = d.merge(r, on="key", how="left")
        is_asf = (m["in_register"].eq(True) & (m["asf_from"].isna() | (m["date"] >= m["asf_from"]))
                  & (m["asf_to"].isna() | (m["date"] <= m["asf_to"])))
        wi = m["konto"].isin(WI_ACCOUNTS) | m["wi_cpv"].eq(True)
        m["year"] = m["date"].dt.year
        m["asf_ore"] = m["ore"].where(is_asf, 0)
        m["wi_ore"] = m["ore"].where(is_asf & wi, 0)
        m["asf_key"] = m["key"].where(is_asf)
        return m.groupby(["year", "forvaltning"]).agg(
            rows=("ore", "size"), total_ore=("ore", "sum"), asf_ore=("asf_ore", "sum"), wi_ore=("wi_ore", "sum"),
            suppliers=("key", "nunique"), asf_suppliers=("asf_key", "nunique")).reset_index()

    secs, g = best(compute, 1)
    result = sorted(tuple(int(v) if k not in ("forvaltning",) else str(v) for k, v in zip(KEYS, row)) for row in g[KEYS].itertuples(index=False))
    return {"seconds": secs, "rss_loaded_mb": loaded, "rss_mb": maxrss_mb(), "result": result}


def run_polars(path: pathlib.Path) -> dict[str, Any]:
    import polars as pl

    df = pl.from_arrow(load_table(path))
    reg = pl.from_arrow(register_table())
    loaded = maxrss_mb()

    def compute() -> Any:
        r = reg.select(
            pl.col("supplier_id").str.replace_all("-", "").alias("key"),
            pl.col("asf_from").cast(pl.Date), pl.col("asf_to").cast(pl.Date),
            pl.col("category").fill_null("").str.starts_with(WI_CPV).alias("wi_cpv"),
            pl.lit(True).alias("in_register"),
        )
        d = df.lazy().select(
            pl.col("leverantor_id").str.replace_all("-", "").alias("key"),
            (pl.col("nettobelopp").str.replace(",", ".", literal=True).cast(pl.Decimal(20, 2), strict=False) * 100)
            .cast(pl.Int64, strict=False).alias("ore"),
            pl.col("bokforingsdatum").str.to_date("%Y-%m-%d", strict=False).alias("date"),
            "forvaltning", pl.col("konto_nr").alias("konto"),
        ).filter(pl.col("ore").is_not_null() & pl.col("date").is_not_null() & (pl.col("key") != ""))
        m = d.join(r.lazy(), on="key", how="left")
        is_asf = (pl.col("in_register").fill_null(False)
                  & (pl.col("asf_from").is_null() | (pl.col("date") >= pl.col("asf_from")))
                  & (pl.col("asf_to").is_null() | (pl.col("date") <= pl.col("asf_to"))))
        wi = pl.col("konto").is_in(WI_ACCOUNTS) | pl.col("wi_cpv").fill_null(False)
        return (m.with_columns(is_asf.alias("is_asf"), wi.alias("wi"), pl.col("date").dt.year().alias("year"))
                .group_by("year", "forvaltning").agg(
                    pl.len().alias("rows"), pl.col("ore").sum().alias("total_ore"),
                    pl.col("ore").filter("is_asf").sum().alias("asf_ore"),
                    pl.col("ore").filter(pl.col("is_asf") & pl.col("wi")).sum().alias("wi_ore"),
                    pl.col("key").n_unique().alias("suppliers"),
                    pl.col("key").filter("is_asf").n_unique().alias("asf_suppliers"))
                .collect())

    secs, g = best(compute, 3)
    result = sorted(tuple(int(v) if k != "forvaltning" else v for k, v in zip(KEYS, row)) for row in g.select(KEYS).rows())
    return {"seconds": secs, "rss_loaded_mb": loaded, "rss_mb": maxrss_mb(), "result": result}


def import_asf(path: pathlib.Path) -> dict[str, Any]:
    import warnings

    import asf

    warnings.simplefilter("ignore")
    asf.options.progress = False
    secs, ledger = best(lambda: asf.ledger.read(path), 1)
    return {"seconds": secs, "rss_mb": maxrss_mb(), "rows": ledger.reconciliation["rows_read"]}


def import_polars(path: pathlib.Path) -> dict[str, Any]:
    import polars as pl

    secs, df = best(lambda: pl.read_csv(path, separator=";", infer_schema=False, truncate_ragged_lines=True), 1)
    return {"seconds": secs, "rss_mb": maxrss_mb(), "rows": df.height}


def import_pyarrow(path: pathlib.Path) -> dict[str, Any]:
    secs, t = best(lambda: load_table(path), 1)
    return {"seconds": secs, "rss_mb": maxrss_mb(), "rows": t.num_rows}


MODES = {"asf": run_asf, "pandas": run_pandas, "polars": run_polars, "import-asf": import_asf,
         "import-polars": import_polars, "import-pyarrow": import_pyarrow}


def child(mode: str, path: pathlib.Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(path)], check=True, capture_output=True, text=True)
    data: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


def rust(rows: int) -> dict[str, Any]:
    out = subprocess.run(["cargo", "run", "--locked", "--release", "-q", "-p", "asf-core", "--example", "bench_goals", "--", str(rows),
                          str(WORK / "rust-import.csv")], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    ind = re.search(r"best of 5 (\d+) ms", out)
    imp = re.search(r"accepted.*?; (\d+) ms, (\d+) rows/s; peak memory \(VmHWM\) (\d+) MB", out)
    return {"indicators_ms": int(ind.group(1)) if ind else None, "import_ms": int(imp.group(1)) if imp else None,
            "import_rss_mb": int(imp.group(3)) if imp else None, "raw": out}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(MODES[sys.argv[2]](pathlib.Path(sys.argv[3])), default=str))
        return
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"ledger_{rows}.csv"
    if not path.exists():
        subprocess.run(["cargo", "run", "--locked", "--release", "-q", "-p", "asf-core", "--example", "gen_ledger", "--",
                        str(rows), str(path), str(WORK / "register.csv")], cwd=ROOT, check=True)
    size_mb = path.stat().st_size / 1e6
    res = {m: child(m, path) for m in MODES}
    r = rust(rows)
    a, p, q = res["asf"], res["pandas"], res["polars"]
    assert a["result"] == [list(x) for x in p["result"]] or [tuple(x) for x in a["result"]] == [tuple(x) for x in p["result"]], "asf and pandas differ"
    assert [tuple(x) for x in a["result"]] == [tuple(x) for x in q["result"]], "asf and polars differ"
    ms = lambda s: f"{s * 1000:,.0f} ms"
    print(f"\n{rows:,} rows, {size_mb:,.0f} MB CSV; {len(a['result'])} groups (year × forvaltning); all results equal\n")
    print("| indicators by year and forvaltning | time | vs asf Python | peak RSS |")
    print("|---|---:|---:|---:|")
    rust_s = (r["indicators_ms"] or 0) / 1000
    print(f"| (a) asf Python, from a pyarrow table (import + indicators) | {ms(a['seconds'])} | 1.0× | {a['rss_mb']:,.0f} MB (table loaded: {a['rss_loaded_mb']:,.0f} MB) |")
    print(f"| (a′) asf Python, on an imported `asf.ledger.Ledger` | {ms(a['seconds_on_ledger'])} | {a['seconds_on_ledger'] / a['seconds']:.2f}× | – |")
    print(f"| (b) asf Rust core, ledger in memory (`bench_goals`) | {r['indicators_ms']} ms | {rust_s / a['seconds']:.2f}× | – |")
    print(f"| (c) pandas {__import__('pandas').__version__} | {ms(p['seconds'])} | {p['seconds'] / a['seconds']:.1f}× | {p['rss_mb']:,.0f} MB (loaded: {p['rss_loaded_mb']:,.0f} MB) |")
    print(f"| (d) polars {__import__('polars').__version__} | {ms(q['seconds'])} | {q['seconds'] / a['seconds']:.1f}× | {q['rss_mb']:,.0f} MB (loaded: {q['rss_loaded_mb']:,.0f} MB) |")
    print("\n| CSV import | time | rows/s | MB/s | peak RSS |")
    print("|---|---:|---:|---:|---:|")
    for name, key in [("asf.ledger.read (checked rows, 24 B/row)", "import-asf"), ("polars.read_csv (all columns as text)", "import-polars"),
                      ("pyarrow.csv.read_csv (5 columns)", "import-pyarrow")]:
        x = res[key]
        print(f"| {name} | {ms(x['seconds'])} | {x['rows'] / x['seconds']:,.0f} | {size_mb / x['seconds']:,.0f} | {x['rss_mb']:,.0f} MB |")
    if r["import_ms"]:
        print(f"| asf Rust core `ledger::read` (`bench_goals`, its own file) | {r['import_ms']:,} ms | – | – | {r['import_rss_mb']} MB |")
    print(f"\nrust (b) output:\n{r['raw']}")


if __name__ == "__main__":
    main()
