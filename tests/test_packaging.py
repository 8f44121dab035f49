"""The wheel carries everything an installed karamap reads: geodata/ as the package's karamap/geodata."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: what a build needs from the checkout (copied, so that building leaves the checkout alone)
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "src", "geodata")


def _can_build_offline() -> bool:
    # setuptools < 70.1 takes bdist_wheel from the separate ``wheel`` package.
    return importlib.util.find_spec("setuptools") is not None and (
        importlib.util.find_spec("wheel") is not None
        or importlib.util.find_spec("setuptools.command.bdist_wheel") is not None)


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    if not _can_build_offline():
        pytest.skip("building a wheel offline needs setuptools and wheel in this environment")
    tree = tmp_path_factory.mktemp("tree")
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        elif source.exists():
            shutil.copy2(source, tree / name)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "-q", "-w", str(out), str(tree)],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = out.glob("karamap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_carries_every_geodata_file_inside_the_package(wheel_names):
    expected = {f"karamap/geodata/{path.relative_to(ROOT / 'geodata').as_posix()}"
                for path in (ROOT / "geodata").rglob("*") if path.is_file()}
    assert {"karamap/geodata/karabakh.json", "karamap/geodata/examples/2021-01-30-joint-karabakh-center.txt",
            "karamap/geodata/demonyms.tsv"} <= expected
    assert expected <= wheel_names, sorted(expected - wheel_names)


def test_the_wheel_carries_the_code_and_its_package_data(wheel_names):
    assert {"karamap/__init__.py", "karamap/paths.py", "karamap/py.typed"} <= wheel_names
    assert any(name.startswith("karamap/render/templates/") for name in wheel_names)
