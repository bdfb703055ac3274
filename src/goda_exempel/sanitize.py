"""Contributed text is untrusted: its rendered HTML passes an allow-list (nh3) before the site."""

from __future__ import annotations

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


def clean(html: str) -> str:
    """Remove every tag, attribute and URL scheme not on the allow-list; scripts go with their text."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        allowed_classes={"a": {"headerlink"}, "div": {"highlight"}, "span": set()},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
