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
