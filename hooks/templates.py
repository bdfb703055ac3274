"""MkDocs adapter: Material's own templates stay reachable as "material/…", for the overrides
that build on one of them (overrides/partials/nav.html, overrides/partials/languages/sv.html)."""

from pathlib import Path

import jinja2
import material

_MATERIAL = Path(material.__file__).parent / "templates"


def on_env(env, config, files):
    env.loader = jinja2.ChoiceLoader([
        env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(str(_MATERIAL))}),
    ])
    return env
