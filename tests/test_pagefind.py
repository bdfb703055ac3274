"""Pagefind itself: the version the build uses (goda_exempel/pagefind_bin.py), and the shorter
polls and the browser's gunzip in its pagefind.js (goda_exempel/pagefind_js.py)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import ROOT
from goda_exempel import pagefind_bin, pagefind_js


def locked_version() -> str:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{pagefind_bin.package_folder()}"]["version"]


def test_the_site_is_indexed_by_the_pagefind_package_lock_pins(built_site):
    program = pagefind_bin.find()
    assert subprocess.run([program, "--version"], capture_output=True, text=True).stdout.split() == [
        "pagefind", locked_version()]
    for entry in built_site.glob("pagefind/**/pagefind-entry.json"):
        assert json.loads(entry.read_text(encoding="utf-8"))["version"] == locked_version()


def test_the_built_pagefind_js_polls_every_few_milliseconds(built_site):
    script = (built_site / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    for poll in pagefind_js.POLLS:
        assert poll not in script
        assert poll.replace("asyncSleep(50)", f"asyncSleep({pagefind_js.POLL_MS})") in script
    assert re.findall(r"asyncSleep\((\d+)\)", script) == [str(pagefind_js.POLL_MS)] * 2


def test_a_changed_pagefind_js_stops_the_build_with_what_to_do():
    script = "let a=1;" + pagefind_js.POLLS[0]  # the second poll is missing
    with pytest.raises(pagefind_js.ScriptChanged, match=r"innehåller 0 gånger.*pagefind_js\.py"):
        pagefind_js.shorten_polls(script)
    with pytest.raises(pagefind_js.ScriptChanged, match="innehåller 2 gånger"):
        pagefind_js.shorten_polls(pagefind_js.POLLS[0] * 2 + pagefind_js.POLLS[1])


def test_the_built_pagefind_js_unpacks_with_the_browsers_gunzip_and_is_still_a_module(built_site, tmp_path):
    script = (built_site / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    assert script.count("async " + pagefind_js.DECOMPRESS.replace("data=gz_default(data);", pagefind_js.NATIVE_GUNZIP)) == 1
    assert script.count("=await this.decompress(") == pagefind_js.CALLS and pagefind_js.CALL not in script
    copy = tmp_path / "pagefind.mjs"  # an await outside an async function would not parse
    copy.write_text(script, encoding="utf-8")
    checked = subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_a_pagefind_js_with_other_callers_of_decompress_stops_the_build():
    script = pagefind_js.DECOMPRESS + pagefind_js.CALL * 4
    with pytest.raises(pagefind_js.ScriptChanged, match="innehåller 4 gånger i stället för 5 gånger"):
        pagefind_js.native_gunzip(script)
    assert pagefind_js.native_gunzip(pagefind_js.DECOMPRESS + pagefind_js.CALL * 5).count("await") == 6


def _program(folder, name="pagefind_extended"):
    path = folder / "node_modules" / pagefind_bin.package_folder() / "bin" / name
    path.parent.mkdir(parents=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    return str(path)


def test_pagefind_is_looked_up_as_npm_looks_it_up(tmp_path, monkeypatch):
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.delenv("PAGEFIND_EXTENDED_BINARY_PATH", raising=False)
    project = tmp_path / "projekt"
    inner = project / "docs" / "under"
    inner.mkdir(parents=True)
    program = _program(project)
    assert pagefind_bin.find(inner) == program  # the nearest node_modules above
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/usr/bin/false")
    assert pagefind_bin.find(inner) == "/usr/bin/false"  # as with npm's pagefind command
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    # elsewhere: the checkout's own node_modules
    assert pagefind_bin.find(tmp_path) == pagefind_bin.find(ROOT)
    assert pagefind_bin.find(ROOT).startswith(str(ROOT / "node_modules"))


def test_a_missing_pagefind_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.delenv("PAGEFIND_EXTENDED_BINARY_PATH", raising=False)
    monkeypatch.setattr(pagefind_bin, "_SOURCE_TREE", tmp_path)  # a checkout without node_modules
    with pytest.raises(pagefind_bin.NotInstalled, match=r"Pagefind är inte installerat.*make node"):
        pagefind_bin.find(tmp_path)


def _one_page_index(folder):
    from goda_exempel import search

    html = ('<!doctype html><html lang="sv"><head><title>Ett exempel</title></head><body>'
            '<div data-pagefind-body><h1>Ett exempel</h1><p>Om trygghet.</p></div></body></html>')
    search.build_index([search.page_from_html("exempel/a/", html)], folder)


def test_the_index_stops_with_the_message_when_pagefind_js_has_changed(tmp_path, monkeypatch):
    from goda_exempel import search

    monkeypatch.setattr(pagefind_js, "POLLS", ("await asyncSleep(4711);",))  # a poll this Pagefind lacks
    with pytest.raises(search.SearchIndexError, match="Har Pagefind uppdaterats"):
        _one_page_index(tmp_path / "pagefind")
    assert not (tmp_path / "pagefind").exists()  # nothing half-written


def test_the_index_stops_with_the_message_when_pagefind_is_missing(tmp_path, monkeypatch):
    from goda_exempel import search

    for name in pagefind_bin.NAMES:
        monkeypatch.delenv(f"{name.upper()}_BINARY_PATH", raising=False)
    monkeypatch.setattr(pagefind_bin, "_SOURCE_TREE", tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(search.SearchIndexError, match="Kör `make node`"):
        _one_page_index(tmp_path / "pagefind")
    assert not (tmp_path / "pagefind").exists()
