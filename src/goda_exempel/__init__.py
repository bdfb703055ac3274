"""Goda exempel: the case model, validation, rendering of facts and data exports.

This package is the core of the knowledge base. It never imports MkDocs: the site
generator reaches it through the thin adapters in ``hooks/``.
"""

__version__ = "0.1.0"
