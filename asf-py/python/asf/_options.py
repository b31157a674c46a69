"""Package-wide switches."""

from __future__ import annotations

import os


class Options:
    """``asf.options.progress``: show progress bars for long imports (``None``: when tqdm is
    installed and the input is large; ``False``: never; ``True``: always when tqdm is
    installed). The environment variable ``ASF_PROGRESS=0`` switches them off too.

    >>> import asf
    >>> asf.options.progress = False
    >>> asf.options.progress
    False
    >>> asf.options.progress = None
    """

    def __init__(self) -> None:
        env = os.environ.get("ASF_PROGRESS")
        self.progress: bool | None = None if env is None else env not in ("0", "false", "no", "")


options = Options()

__all__ = ["Options", "options"]
