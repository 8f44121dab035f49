"""Build hook: the wheel carries the repository's ``geodata/`` as the package folder ``karamap/geodata``.

The metadata lives in pyproject.toml. ``geodata/`` stays the one source in the repository; it is
copied into the built package at build time, where :func:`karamap.paths.geodata_dir` finds it.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

GEODATA = Path(__file__).resolve().parent / "geodata"


class BuildPyWithGeodata(build_py):
    """``build_py`` that also copies ``geodata/`` to ``<build_lib>/karamap/geodata``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads geodata/ in the checkout (karamap.paths)
        if not GEODATA.is_dir():
            # Fail the build rather than ship a karamap that cannot map anything.
            raise FileNotFoundError(f"{GEODATA} is missing: the wheel needs karamap's geodata")
        self.copy_tree(str(GEODATA), str(self._target()))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if getattr(self, "editable_mode", False) or not GEODATA.is_dir():
            return outputs
        target = self._target()
        return outputs + [str(target / path.relative_to(GEODATA))
                          for path in sorted(GEODATA.rglob("*")) if path.is_file()]

    def _target(self) -> Path:
        return Path(self.build_lib) / "karamap" / "geodata"


setup(cmdclass={"build_py": BuildPyWithGeodata})
