"""The scripts and styles a map needs: Leaflet from the XStatic-Leaflet package, karamap's own."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from karamap.errors import AssetError

__all__ = ["Assets", "assets", "cdn_files", "LEAFLET_VERSION", "LEAFLET_JS_URL", "LEAFLET_CSS_URL"]

LEAFLET_VERSION = "1.9.3"
#: the CDN files folium itself links (the online map only)
LEAFLET_JS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"


@dataclass(frozen=True, slots=True)
class Assets:
    """Script and style texts, ready to inline in ``<script>`` / ``<style>`` elements."""

    leaflet_js: str
    leaflet_css: str
    app_js: str
    app_css: str


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    if leaflet.VERSION != LEAFLET_VERSION:
        # A different Leaflet may behave differently; the map is tested against 1.9.3.
        raise AssetError(f"XStatic-Leaflet {leaflet.VERSION} is installed; karamap needs {LEAFLET_VERSION}")
    return Path(leaflet.BASE_DIR)


def _check_inlinable(name: str, text: str, closing: str) -> str:
    if re.search(closing, text, re.IGNORECASE):
        raise AssetError(f"{name} contains {closing!r} and cannot be inlined")
    return text


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _offline_leaflet_css(base: Path) -> str:
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    # The layer control's icon is the only image the map shows: inline it. The default
    # marker icon is never used (events and places are canvas circles), so its rule goes.
    css = css.replace("url(images/layers.png)", f"url({_data_uri(base / 'images' / 'layers.png')})")
    css = css.replace("url(images/layers-2x.png)", f"url({_data_uri(base / 'images' / 'layers-2x.png')})")
    css = re.sub(r"\.leaflet-default-icon-path\s*\{[^}]*\}", "", css)
    # The old-IE VML behaviour is not a network request but serves no browser karamap supports.
    css = re.sub(r"behavior:\s*url\(#default#VML\);?", "", css)
    if re.search(r"url\((?!data:)", css):
        raise AssetError("leaflet.css still references a file after inlining")
    return css


@lru_cache(maxsize=1)
def assets() -> Assets:
    """The asset texts, read once from the installed packages.

    >>> a = assets()
    >>> "Leaflet" in a.leaflet_js[:400] and "karamapApp" in a.app_js
    True
    """
    base = _leaflet_dir()
    leaflet_js = (base / "leaflet.js").read_text(encoding="utf-8")
    # A source map comment would point at a file that is not there.
    leaflet_js = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", leaflet_js)
    static = resources.files("karamap.render") / "static"
    return Assets(
        leaflet_js=_check_inlinable("leaflet.js", leaflet_js, r"</script"),
        leaflet_css=_check_inlinable("leaflet.css", _offline_leaflet_css(base), r"</style"),
        app_js=_check_inlinable("karamap.js", (static / "karamap.js").read_text(encoding="utf-8"), r"</script"),
        app_css=_check_inlinable("karamap.css", (static / "karamap.css").read_text(encoding="utf-8"), r"</style"),
    )


def cdn_files() -> dict[str, Path]:
    """The online map's CDN URLs mapped to the same files in the installed XStatic-Leaflet package.

    Browser tests and the screenshot script serve these instead of the network.
    """
    import xstatic.pkg.leaflet as leaflet

    base = Path(leaflet.BASE_DIR)
    cdn = LEAFLET_JS_URL.rsplit("/", 1)[0]
    return {LEAFLET_JS_URL: base / "leaflet.js", LEAFLET_CSS_URL: base / "leaflet.css",
            f"{cdn}/images/layers.png": base / "images" / "layers.png",
            f"{cdn}/images/layers-2x.png": base / "images" / "layers-2x.png"}
