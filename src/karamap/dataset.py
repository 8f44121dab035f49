"""A layer as a partitioned GeoParquet dataset: a folder of part files, replaced all at once."""

from __future__ import annotations

import contextlib
import math
import os
import secrets
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from karamap.atomic import TEMP_MARKER
from karamap.errors import OutputError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["write_dataset", "ROWS_PER_PART"]

#: rows of one part file: a part loads in well under a second, a million events make 50 parts
ROWS_PER_PART = 20_000


def write_dataset(frame: gpd.GeoDataFrame, directory: str | Path, *, rows_per_part: int | None = None) -> Path:
    """Write ``frame`` as the GeoParquet dataset ``directory/part.N.parquet``, in row order.

    Written into a hidden folder beside ``directory``, which then
    replaces ``directory`` (a previous dataset is kept until the new one is complete).
    ``dask_geopandas.read_parquet(directory)`` or ``geopandas.read_parquet(directory)``
    read it back, rows in the same order.

    Raises
    ------
    OutputError : the folder cannot be written, or ``directory`` is a file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from karamap.layers import build_layers
    >>> out = write_dataset(build_layers([]).events, pathlib.Path(tempfile.mkdtemp()) / "events")
    >>> sorted(p.name for p in out.iterdir())
    ['part.0.parquet']
    """
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise OutputError(f"cannot write the dataset {target}: it is a file")
    rows_per_part = rows_per_part or ROWS_PER_PART
    parts = max(1, math.ceil(len(frame) / rows_per_part))
    staging = target.parent / f".{target.name}{TEMP_MARKER}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        # Written here, by this process: the client always sees its own folder (a cluster's
        # workers may not), and the rows are already gathered to build the layer. One Arrow
        # table for the whole layer (as GeoDataFrame.to_parquet makes it), sliced: every part
        # has the same schema, even a part whose column happens to be all null.
        import pyarrow.parquet as pq
        from geopandas.io.arrow import _geopandas_to_arrow

        table = _geopandas_to_arrow(frame, index=False)
        staging.mkdir()
        for n in range(parts):
            pq.write_table(table.slice(n * rows_per_part, rows_per_part), staging / f"part.{n}.parquet",
                           compression="snappy")
        _swap(staging, target)
    except (OSError, ValueError) as err:
        raise OutputError(f"cannot write the dataset {target}: {err.strerror or err}") from err
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _swap(staging: Path, target: Path) -> None:
    """Put ``staging`` in the place of ``target``; the old folder goes only once the new one is in."""
    if not target.exists():
        os.replace(staging, target)
        return
    old = target.parent / f".{target.name}{TEMP_MARKER}{os.getpid()}-old-{secrets.token_hex(4)}"
    os.replace(target, old)
    try:
        os.replace(staging, target)
    except OSError:
        os.replace(old, target)
        raise
    with contextlib.suppress(OSError):
        shutil.rmtree(old)
