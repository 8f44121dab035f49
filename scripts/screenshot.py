"""Take a screenshot of a karamap HTML map in headless Chromium (for the README's docs/*.png).

    python scripts/screenshot.py maps/karabakh-joint-center.html docs/map-1400.png --popup 7
    python scripts/screenshot.py maps/karabakh-joint-center.html docs/map-360.png --width 360 --height 740

Every request is refused: the map is one self-contained file, so the shot shows what a
reader without network sees (the named country basemap, no online tiles); ``--popup N``
opens the popup of the N-th event of the list first (opening the list on a phone).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def screenshot(html: Path, png: Path, *, width: int = 1400, height: int = 860, popup: int | None = None,
               scale: float = 1.0) -> Path:
    """Write ``png``: the map at ``html`` as Chromium draws it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale,
                                      timezone_id="UTC")

        def route(r) -> None:  # noqa: ANN001 - playwright's Route
            url = r.request.url
            if url.startswith(("file:", "data:")):
                r.continue_()
            else:
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.goto(html.resolve().as_uri())
        page.wait_for_function("window.karamapReady === true", timeout=30000)
        if popup is not None and not page.evaluate("karamap.listShown()"):
            page.click("#km-list-toggle")
        if popup is not None and page.locator(".km-item").count() > popup:
            page.locator(".km-item").nth(popup).click()
            page.wait_for_timeout(1200)  # the fly-to animation
        page.wait_for_timeout(300)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=860)
    parser.add_argument("--popup", type=int, default=None, help="open the popup of this list entry (0 = first)")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio (2 for a sharper image)")
    args = parser.parse_args(argv)
    out = screenshot(args.html, args.png, width=args.width, height=args.height, popup=args.popup, scale=args.scale)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
