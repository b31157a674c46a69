"""The example notebook runs top to bottom on the bundled sample (headless)."""

from __future__ import annotations

import os

import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "docs" / "examples" / "goal_follow_up.ipynb"


def test_notebook_outputs_are_not_committed() -> None:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_executes_top_to_bottom() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel draws with the inline backend (Agg underneath): headless, PNG outputs.
    os.environ.pop("MPLBACKEND", None)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "asf goal progress" in html and "asf ledger" in html
    assert any("image/png" in o.get("data", {}) for o in outputs), "the plot was not drawn"
