"""Contributed text is untrusted: its rendered HTML passes an allow-list (nh3) before the site."""

from __future__ import annotations

import re
import nh3

_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "em", "b", "i",
    "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "span", "div", "sup", "sub",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "th": {"align"}, "td": {"align"},
    "ol": {"start"},
}

# A tag that is not on the allow-list is shown as text, not removed: nh3 removes some
# elements together with everything up to their closing tag (script, style, iframe, svg, math
# and many more), so one left open would take the rest of the case with it. img is the
# exception: Markdown writes it for ![…](…), and nh3 removes it (cases have no images).
_SHOWN_AS_TEXT = re.compile(r"<(?=/?([A-Za-z][A-Za-z0-9:-]*))")
_KEPT = _TAGS | {"img"}


def _tags_as_text(html: str) -> str:
    return _SHOWN_AS_TEXT.sub(lambda m: "<" if m.group(1).lower() in _KEPT else "&lt;", html)


def _unclosed_comment(html: str) -> str:
    """A comment that is never closed is shown as text too (nh3 removes comments)."""
    start = html.rfind("<!--")
    if start != -1 and "-->" not in html[start + 4:]:
        return html[:start] + "&lt;!--" + html[start + 4:]
    return html


def clean(html: str) -> str:
    """Show tags that are not on the allow-list as text; remove every attribute and URL scheme
    that is not on it, and comments."""
    html = _unclosed_comment(_tags_as_text(html))
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        allowed_classes={"a": {"headerlink"}, "div": {"highlight"}, "span": set()},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
