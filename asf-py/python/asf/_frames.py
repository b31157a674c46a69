"""Tables in and out: pandas, polars, pyarrow, or any object with the Arrow PyCapsule
interface (``__arrow_c_stream__``). pyarrow is required; pandas and polars are optional
(``pip install "asf[pandas]"``, ``"asf[polars]"``) and never imported unless the caller
passes or asks for one of their frames.

Conversions keep Arrow's columnar buffers: a pyarrow table goes to Rust without a copy,
a polars frame through ``to_arrow()`` (zero-copy for most columns), a pandas frame through
``pyarrow.Table.from_pandas``. Results come back as the caller's kind of frame, with money
as ``decimal128`` columns (``decimal.Decimal`` objects in pandas, ``Decimal`` in polars).
"""

from __future__ import annotations

import sys
import warnings
from typing import Any, Literal, Mapping, Optional, Protocol, Sequence, Union, runtime_checkable

import pyarrow as pa

Kind = Literal["arrow", "pandas", "polars"]
Output = Optional[Kind]


@runtime_checkable
class ArrowStreamExportable(Protocol):
    """Any object with the Arrow PyCapsule stream interface (pyarrow, polars, pandas ≥ 2.2,
    DuckDB relations, nanoarrow, arro3 ...)."""

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any: ...


#: What the table-native functions accept: a pandas or polars DataFrame, a pyarrow
#: Table or RecordBatch, any ``__arrow_c_stream__`` object, or a list of row mappings.
TableLike = Union[ArrowStreamExportable, "pa.Table", Sequence[Mapping[str, Any]], Any]


class DataWarning(UserWarning):
    """Something in the data was changed or left out: floats rounded to the öre, rows
    rejected. The message says how many."""


def kind_of(obj: Any) -> Kind:
    """The kind of frame ``obj`` is: ``"pandas"``, ``"polars"`` or ``"arrow"``."""
    module = type(obj).__module__.split(".")[0]
    if module == "pandas":
        return "pandas"
    if module == "polars":
        return "polars"
    return "arrow"


def to_arrow_table(obj: Any, what: str = "table") -> "pa.Table":
    """Any supported table as a pyarrow Table (without copying where Arrow allows)."""
    if isinstance(obj, pa.Table):
        return obj
    if isinstance(obj, pa.RecordBatch):
        return pa.Table.from_batches([obj])
    kind = kind_of(obj)
    if kind == "pandas" and type(obj).__name__ == "DataFrame":
        return pa.Table.from_pandas(obj, preserve_index=False)
    if kind == "polars" and type(obj).__name__ == "DataFrame":
        return obj.to_arrow()
    if kind == "polars" and type(obj).__name__ == "LazyFrame":
        return obj.collect().to_arrow()
    if hasattr(obj, "__arrow_c_stream__"):
        return pa.table(obj)
    if isinstance(obj, (list, tuple)) and all(isinstance(r, Mapping) for r in obj):
        return pa.Table.from_pylist(list(obj))
    from ._errors import RequestTypeError

    raise RequestTypeError(
        f"the {what} must be a pandas or polars DataFrame, a pyarrow Table, an object with "
        f"__arrow_c_stream__, or a list of row mappings; not {type(obj).__name__}",
        "invalid_type",
        f"/{what}",
    )


def to_arrow_array(obj: Any) -> "pa.ChunkedArray | pa.Array":
    """A column (pandas or polars Series, pyarrow array, list) as Arrow."""
    if isinstance(obj, (pa.Array, pa.ChunkedArray)):
        return obj
    kind = kind_of(obj)
    if kind == "pandas":
        return pa.array(obj, from_pandas=True)
    if kind == "polars":
        return obj.to_arrow()
    if hasattr(obj, "__arrow_c_stream__") or hasattr(obj, "__arrow_c_array__"):
        return pa.chunked_array(obj) if hasattr(obj, "__arrow_c_stream__") else pa.array(obj)
    if isinstance(obj, str):
        return pa.array([obj], pa.string())
    if isinstance(obj, Mapping):
        from ._errors import RequestTypeError

        raise RequestTypeError("ids must be a column or a list, not a mapping", "invalid_type", "/ids")
    values = list(obj)
    # Ids read from a spreadsheet mix numbers and text: read them all as text.
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values) and any(
        isinstance(v, str) for v in values
    ):
        values = [None if v is None else str(v) for v in values]
    return pa.array(values)


def convert(table: "pa.Table", kind: Kind) -> Any:
    """A pyarrow Table as the requested kind of frame."""
    if kind == "arrow":
        return table
    if kind == "pandas":
        try:
            import pandas  # noqa: F401
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError('pandas output needs pandas: pip install "asf[pandas]"') from None
        return table.to_pandas()
    if kind == "polars":
        try:
            import polars
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError('polars output needs polars: pip install "asf[polars]"') from None
        return polars.from_arrow(table)
    raise ValueError(f"output must be 'arrow', 'pandas' or 'polars', not {kind!r}")


def warn_rounded(count: int, what: str = "amounts") -> None:
    if count:
        warnings.warn(
            f"{count} float {what} were not whole öre (or cents) and were rounded half away from zero "
            "to two decimals; pass decimals or decimal text to keep every value exact",
            DataWarning,
            stacklevel=3,
        )


def in_notebook() -> bool:
    """Whether we run inside a Jupyter kernel."""
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()  # type: ignore[attr-defined]
    except Exception:  # pragma: no cover
        return False
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


__all__ = ["ArrowStreamExportable", "DataWarning", "Kind", "Output", "TableLike", "convert", "kind_of"]
