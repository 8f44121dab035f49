"""A layer as a partitioned GeoParquet dataset: a folder of part files, replaced all at once."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from karamap.atomic import atomic_dir
from karamap.errors import KaramapError, OutputError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["write_dataset", "ROWS_PER_PART"]

#: rows of one part file: a part loads in well under a second, a million events make 50 parts
ROWS_PER_PART = 20_000


def write_dataset(frame: gpd.GeoDataFrame, directory: str | Path, *, rows_per_part: int | None = None) -> Path:
    """Write ``frame`` as the GeoParquet dataset ``directory/part.N.parquet``, in row order.

    Written into a hidden folder beside ``directory``, which then replaces ``directory``
    (:func:`karamap.atomic.atomic_dir`: a previous dataset is kept until the new one is
    complete, and a kill while the two are swapped is undone by the next run).
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
    try:
        # Written here, by this process: the client always sees its own folder (a cluster's
        # workers may not), and the rows are already gathered to build the layer. One Arrow
        # table for the whole layer (as GeoDataFrame.to_parquet makes it), sliced: every part
        # has the same schema, even a part whose column happens to be all null.
        import pyarrow.parquet as pq
        from geopandas.io.arrow import _geopandas_to_arrow

        table = _geopandas_to_arrow(frame, index=False)
        with atomic_dir(target) as staging:
            for n in range(parts):
                pq.write_table(table.slice(n * rows_per_part, rows_per_part), staging / f"part.{n}.parquet",
                               compression="snappy")
    except (OSError, ValueError) as err:
        if isinstance(err, KaramapError):
            raise
        raise OutputError(f"cannot write the dataset {target}: {err.strerror or err}") from err
    return target
