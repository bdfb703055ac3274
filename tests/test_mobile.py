"""Phones, in real Chromium: at 360 px (a common phone) and 320 px (WCAG 1.4.10 Reflow, the
same as 400 % zoom on a 1280 px screen) no page type scrolls sideways or has content that
sticks out of the screen; ``tools/screenshots.py`` writes the pictures for review."""

from __future__ import annotations

import struct
import subprocess
import sys

import pytest

from conftest import ROOT
from page_types import PAGE_TYPES

pytestmark = pytest.mark.browser

# Visible elements whose right edge is outside the viewport, unless a box that scrolls or clips
# sideways on purpose (and itself fits) holds them. Material's `html { overflow-x: hidden }`
# would otherwise cut such content off without any scrolling to show it.
STICKING_OUT_JS = """(width) => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none' || s.position === 'fixed' && r.left >= width) continue;
    let held = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o !== 'visible' && a.getBoundingClientRect().right <= width + 1) { held = true; break; }
    }
    if (!held) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
                        + `${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''}`
                        + ` (höger kant ${Math.round(r.right)} px)`);
  }
  return out;
}"""


# Words in the headings wider than the heading itself, which the browser must break mid-word.
BROKEN_WORDS_JS = """() => {
  const out = [];
  for (const h of document.querySelectorAll('article h1, article h2')) {
    if (!h.getClientRects().length) continue;
    const text = [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))
                                  .map(n => n.textContent).join('');
    for (const word of text.split(/\\s+/).filter(Boolean)) {
      const probe = document.createElement('span');
      probe.style.whiteSpace = 'nowrap';
      probe.textContent = word;
      h.appendChild(probe);
      const wide = probe.getBoundingClientRect().width;
      probe.remove();
      if (wide > h.clientWidth) out.push(`${word} (${Math.round(wide)} av ${h.clientWidth} px)`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [360, 320])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_no_sideways_scrolling_on_a_phone(browser, site_url, page_type, width):
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 740})
    try:
        page = context.new_page()
        page_type.open(page, site_url)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"sidan är {scroll_width} px bred i ett fönster som är {width} px"
        sticking_out = page.evaluate(STICKING_OUT_JS, width)
        assert not sticking_out, "innehåll utanför skärmen:\n" + "\n".join(sticking_out[:20])
        broken = page.evaluate(BROKEN_WORDS_JS)
        assert not broken, f"ord som bryts mitt i i rubrikerna: {broken}"
    finally:
        context.close()


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} är ingen PNG"
    return struct.unpack(">II", data[16:24])


def test_the_screenshot_command_writes_every_width_for_review(built_site, tmp_path):
    out = tmp_path / "bilder"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "screenshots.py"), "--site", str(built_site), "--out", str(out),
         "--only", "start", "--only", "exempel"],
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("start", "exempel"):
        for width in (360, 1280):
            png_width, png_height = _png_size(out / f"{name}-{width}.png")
            assert png_width == width and png_height >= 600  # the whole page, not just the first screen
    assert (out / "exempel-utskrift.pdf").read_bytes().startswith(b"%PDF")
    assert "exempel" in result.stdout and "SIDEWAYS" not in result.stdout
