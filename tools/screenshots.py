"""Screenshots of every page type at phone and desktop width, for review by eye.

    .venv/bin/python tools/screenshots.py [--out screenshots] [--site DIR] [--width 360 --width 1280]

Builds the site (``mkdocs build --strict``) into a temporary folder unless ``--site`` names a
built one, serves it under the same path as on GitHub Pages, opens each page type of
``tests/page_types.py`` in Debian's Chromium and writes ``<out>/<page>-<width>.png`` (the
whole page) plus ``<out>/<page>-<width>-utskrift.pdf`` for the case page as it prints on A4.
It also prints the page's width in CSS pixels, so horizontal scrolling shows up in the log.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, mkdocs_build, pages_path, serve  # noqa: E402
from page_types import PAGE_TYPES  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--width", type=int, action="append", help="viewport widths (default 360 and 1280)")
    parser.add_argument("--only", action="append", help="page type names to take (default: all)")
    args = parser.parse_args(argv)
    widths = args.width or [360, 1280]
    types = [p for p in PAGE_TYPES if not args.only or p.name in args.only]

    with tempfile.TemporaryDirectory(prefix="ge-screenshots-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            result = mkdocs_build(site)
            if result.returncode != 0:
                sys.stderr.write(result.stdout + result.stderr)
                return 1
        return shoot(site, args.out, widths, types)


def shoot(site: Path, out: Path, widths: list[int], types) -> int:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    prefix = pages_path()
    server = serve(site, prefix)
    site_url = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    failures = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width in widths:
                context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 800})
                page = context.new_page()
                for page_type in types:
                    try:
                        page_type.open(page, site_url)
                    except Exception as error:  # one broken page must not hide the others
                        failures += 1
                        print(f"{page_type.name:16} {width:5}  ERROR: {str(error).splitlines()[0]}")
                        continue
                    target = out / f"{page_type.name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    scroll = page.evaluate("document.documentElement.scrollWidth")
                    note = "" if scroll <= width else f"  SCROLLS SIDEWAYS: {scroll} px wide"
                    print(f"{page_type.name:16} {width:5}  {target}{note}")
                    if page_type.name == "exempel" and width == widths[-1]:
                        page.emulate_media(media="print")
                        pdf = out / f"{page_type.name}-utskrift.pdf"
                        page.pdf(path=str(pdf), format="A4", print_background=True)
                        page.emulate_media(media="screen")
                        print(f"{page_type.name:16} {'A4':>5}  {pdf}")
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
