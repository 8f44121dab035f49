"""Fixtures shared by the whole suite (append new shared fixtures below)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "geodata" / "examples" / "2021-01-30-joint-karabakh-center.txt"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """``../shared/eval`` beside the checkout; tests that need it skip in a user's fresh clone."""
    path = SHARED / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval is not present (a fresh clone): measurement data is not shipped")
    return path


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def gazetteer():
    """The embedded offline gazetteer, opened once for the session."""
    from karamap.gazetteer.open import open_gazetteer

    gaz = open_gazetteer()
    yield gaz
    gaz.close()


@pytest.fixture(scope="session")
def example_document(gazetteer):
    """The bundled example article, annotated once."""
    from karamap.pipeline import annotate_article
    from karamap.read import read

    (article,) = list(read(EXAMPLE))
    return annotate_article(article, gazetteer)


def make_article(text: str, published: dt.date | None = dt.date(2021, 1, 30), id: str = "t"):
    """An Article for a hand-written test sentence."""
    from karamap.model import Article

    return Article(id=id, text=text, published=published)


def mentions_of(text: str, *names: str):
    """The mentions of ``names`` in ``text``, each found after the one before it."""
    from karamap.model import Mention

    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Mention(start, start + len(name), name))
        pos = start + len(name)
    return out


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian Chromium through Playwright; skips where /usr/bin/chromium is absent (CI installs it)."""
    from map_support import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def small_offline(monkeypatch):
    """The offline index replaced by two places, for tests about inputs and options rather than
    geography; the list it returns records each opening, so a test can tell a check made before
    any work (nothing opened) from one made after."""
    from karamap.gazetteer.offline import OfflineGazetteer
    from karamap.gazetteer.user import UserGazetteer
    from karamap.model import Place

    opened = []

    def fake_open(cls, cache_dir, *, rebuild=False):
        opened.append(cache_dir)
        return UserGazetteer([Place("geonames:147425", "Aghdam", "city", "AZ", 39.99, 46.93, source="geonames"),
                              Place("geonames:587084", "Baku", "city", "AZ", 40.38, 49.89, source="geonames")])

    monkeypatch.setattr(OfflineGazetteer, "open", classmethod(fake_open))
    return opened


@pytest.fixture
def run_cli(capsys, small_offline):
    """``karamap ARGS`` in-process over :func:`small_offline`; returns (exit code, stderr), and
    fails the test on a traceback or an internal error (exit 70)."""
    from karamap.cli import main

    def _run(*args: str) -> tuple[int, str]:
        code = main(list(args))
        err = capsys.readouterr().err
        assert "Traceback" not in err and "internal error" not in err, err
        assert code != 70, err
        return code, err

    return _run
