"""The navigation rendered once per folder (hooks/navcache.py) is exactly what Material renders
for each page: the site built without that hook is byte-for-byte the same."""

import os
import shutil

from conftest import ROOT, mkdocs_build


def test_the_site_is_the_same_without_the_navigation_cache(built_site, tmp_path):
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - hooks/navcache.py\n" in text
    # the theme overrides without the one that uses the cache
    overrides = shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    (overrides / "partials" / "nav.html").unlink()
    assert "  custom_dir: overrides\n" in text
    text = text.replace("  - hooks/navcache.py\n", "").replace("  custom_dir: overrides\n", f"  custom_dir: {overrides}\n")
    # a config beside mkdocs.yml, so that every other relative path in it means the same
    config = ROOT / f".mkdocs-without-navcache-{os.getpid()}.yml"
    config.write_text(text, encoding="utf-8")
    try:
        result = mkdocs_build(tmp_path / "site", config=config)
    finally:
        config.unlink()
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    assert len(pages) > 50
    cached = [p for p in pages if "exempel" in p.parts or "kommun" in p.parts]
    assert cached  # pages outside the navigation, where the cache is used
    different = [str(p) for p in pages if (built_site / p).read_bytes() != (tmp_path / "site" / p).read_bytes()]
    assert different == []
