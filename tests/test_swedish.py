"""Every word a visitor meets is Swedish: on every page type, at a phone's and a desktop's
width, no English interface word of the theme is left in the visible text or in what assistive
technology reads (alt texts, labels, titles); the logo stands out from the dark header."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from page_types import PAGE_TYPES

pytestmark = pytest.mark.browser

# Material's English strings (and the like) a Swedish visitor must not meet
ENGLISH = ["Navigation", "logo", "Material for MkDocs", "Made with", "Skip to content", "Back to top",
           "Table of contents", "Edit this page", "Search", "Copy to clipboard", "Previous", "Next", "Footer",
           "Header"]

READ_OUT = """() => {
  const seen = [document.body.innerText];
  for (const el of document.querySelectorAll('[alt], [aria-label], [title], [placeholder]')) {
    for (const name of ['alt', 'aria-label', 'title', 'placeholder']) {
      if (el.hasAttribute(name)) seen.push(el.getAttribute(name));
    }
  }
  for (const t of document.querySelectorAll('svg title')) seen.push(t.textContent);
  return seen.join('\\n');
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", PAGE_TYPES, ids=lambda p: p.name)
def test_no_english_interface_words(page_at, site_url, kind, width):
    page = page_at(width)
    kind.open(page, site_url)
    text = page.evaluate(READ_OUT)
    found = [word for word in ENGLISH if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
    assert not found, f"{kind.name}: {found}"
    # GitHub's own words are explained where the running text uses them
    article = page.locator("article").inner_text()
    for term, explained in (("pull request", "ändringsförslag"), ("Issues", "ärenden")):
        if term in article:
            assert explained in article, (kind.name, term)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_logo_stands_out_from_the_header():
    logo = (ROOT / "docs" / "assets" / "logo.svg").read_text(encoding="utf-8")
    fills = set(re.findall(r'fill="([^"]+)"', logo))
    css = (ROOT / "docs" / "assets" / "stylesheets" / "goda-exempel.css").read_text(encoding="utf-8")
    header = re.search(r"--md-primary-fg-color:\s*(#[0-9a-f]{6})", css).group(1)
    assert fills and "currentColor" not in fills  # an <img> does not inherit the header's colour
    for fill in fills:
        fill = "#ffffff" if fill.lower() in ("#fff", "white") else fill
        light, dark = sorted([_luminance(fill), _luminance(header)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 3, fill
