"""Keyboard helpers for the browser tests: which element has the focus, whether a sighted
keyboard user can see where it is, and walking a page with Tab."""

from __future__ import annotations

import re

# The element that shows the focus, and what it looks like. Material's menu buttons are labels
# for visually hidden checkboxes; the site draws their focus on the button (the label) or, for
# an open sub-menu, on its "back" title (docs/assets/stylesheets/goda-exempel.css).
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  let shown = el;
  if (el.id === '__drawer') shown = document.querySelector('.md-header__button[for="__drawer"]');
  else if (el.classList.contains('md-nav__toggle'))
    shown = el.checked ? el.parentElement.querySelector(':scope > .md-nav > .md-nav__title')
                       : el.nextElementSibling;
  const s = getComputedStyle(shown);
  let node = parseFloat(s.outlineOffset) < 0 ? shown : shown.parentElement, bg = 'rgb(255, 255, 255)';
  for (; node && node.nodeType === 1; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) { bg = c; break; }
  }
  const r = shown.getBoundingClientRect();
  const name = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent
                || el.value || el.id || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name, href: el.getAttribute('href'),
    cls: el.getAttribute('class') || '',
    outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
    boxShadow: s.boxShadow, background: bg, visibility: s.visibility,
    x: r.x, y: r.y, width: r.width, height: r.height, vw: innerWidth, vh: innerHeight,
  };
}"""


def _rgb(css: str) -> tuple[float, float, float, float]:
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def _luminance(rgb) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two CSS colours; a translucent foreground is laid over the background."""
    fr, fg, fb, fa = _rgb(foreground)
    br, bg, bb, _ = _rgb(background)
    mixed = (fr * fa + br * (1 - fa), fg * fa + bg * (1 - fa), fb * fa + bb * (1 - fa))
    light, dark = sorted((_luminance(mixed), _luminance((br, bg, bb))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focused(page) -> dict | None:
    return page.evaluate(FOCUS_JS)


def focus_problem(info: dict) -> str | None:
    """Why a sighted keyboard user could not see this focus, or None if they can."""
    where = f"{info['tag']} ”{info['name']}”"
    if info["visibility"] == "hidden":
        return f"{where} har fokus men är dold"
    if (info["width"] <= 0 or info["height"] <= 0 or info["x"] + info["width"] <= 0
            or info["y"] + info["height"] <= 0 or info["x"] >= info["vw"] or info["y"] >= info["vh"]):
        return f"{where} har fokus men syns inte i fönstret ({info['x']:.0f}, {info['y']:.0f})"
    if info["outline"] != "none" and (info["outlineWidth"] >= 1 or info["outline"] == "auto"):
        ratio = contrast(info["outlineColor"], info["background"])
        if ratio < 3:
            return (f"{where}: fokusramen {info['outlineColor']} har kontrasten {ratio:.2f}:1 "
                    f"mot {info['background']} (minst 3:1)")
        return None
    if info["boxShadow"] != "none":
        return None
    return f"{where} har fokus men ingen synlig fokusmarkering"


def tab_to(page, predicate_js: str, limit: int = 80, key: str = "Tab") -> dict:
    """Press Tab (only) until ``predicate_js(document.activeElement)`` holds; returns the focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"() => !!({predicate_js})(document.activeElement)"):
            return focused(page)
    raise AssertionError(f"Tab nådde inte {predicate_js} på {limit} tryck")
