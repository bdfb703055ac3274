"""MkDocs adapter: render the primary navigation once per folder for pages that are not in it.

Case pages and facet pages are not in the navigation (listing them there made every page
carry every case). For them the navigation is the same on every page in the same folder:
no item is active, and its relative links depend only on the folder. Material renders it
anew for every page, about 40 % of a page's render time; overrides/partials/nav.html asks
this hook for the folder's copy instead. Pages in the navigation render it as usual.
"""

import posixpath

_in_nav = set()  # ids of this build's pages that are in the navigation


def on_nav(nav, config, files):
    _in_nav.clear()
    _in_nav.update(id(page) for page in nav.pages)
    return nav


def _key(page):
    """The folder of a page outside the navigation; None for a page in it."""
    if page is None or id(page) in _in_nav:
        return None
    return posixpath.dirname(page.url.rstrip("/")) + "/"


def on_env(env, config, files):
    # (Material's own nav.html is reachable as "material/partials/nav.html": hooks/templates.py)
    env.globals["ge_nav_key"] = _key
    env.globals["ge_nav_cache"] = {}  # folder -> HTML, for this build only
    return env
