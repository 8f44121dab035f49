"""Where karamap's own files live: the authored geodata and the bundled example."""

from __future__ import annotations

from pathlib import Path

__all__ = ["geodata_dir", "example_articles", "EXAMPLE_NAME"]

#: the name the bundled example's map is written under
EXAMPLE_NAME = "karabakh-joint-center"


def geodata_dir() -> Path:
    """The ``geodata/`` folder: beside ``src/`` in a checkout, inside the package when installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parents[1] / "geodata", here / "geodata"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("karamap's geodata folder is missing from this installation")


def example_articles() -> list[Path]:
    """The bundled example article(s), sorted."""
    return sorted((geodata_dir() / "examples").glob("*.txt"))
