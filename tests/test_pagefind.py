"""Pagefind itself: the version the build uses (goda_exempel/pagefind_bin.py), and the edits
to its pagefind.js (goda_exempel/pagefind_js.py)."""

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


def test_pagefind_comes_from_its_npm_package_for_every_platform_at_one_exact_version():
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    version = manifest["dependencies"]["pagefind"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)  # exact, as npm ci installs it
    assert lock["node_modules/pagefind"]["version"] == version
    programs = {name.removeprefix("node_modules/"): entry for name, entry in lock.items()
                if name.startswith("node_modules/@pagefind/")}
    assert {"@pagefind/linux-x64", "@pagefind/linux-arm64", "@pagefind/darwin-arm64", "@pagefind/darwin-x64",
            "@pagefind/windows-x64"} <= programs.keys()
    # each is optional and for its own system, so npm ci installs only this machine's
    assert all(entry["optional"] and entry["os"] and entry["cpu"] and entry["version"] == version
               for entry in programs.values())
    assert pagefind_bin.package_folder() in programs


def test_the_site_is_indexed_by_the_pagefind_package_lock_pins(built_site):
    program = pagefind_bin.find()
    assert subprocess.run([program, "--version"], capture_output=True, text=True).stdout.split() == [
        "pagefind", locked_version()]
    for entry in built_site.glob("pagefind/**/pagefind-entry.json"):
        assert json.loads(entry.read_text(encoding="utf-8"))["version"] == locked_version()


def test_the_built_pagefind_js_has_every_edit_and_is_still_a_module(built_site, tmp_path):
    script = (built_site / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    for e in pagefind_js.EDITS:
        assert e.old not in script and script.count(e.new) == e.count
    # the poll in getPtr; Pagefind's own 50 ms poll stays only where a further shard waits
    assert sorted(re.findall(r"asyncSleep\((\d+)\)", script)) == sorted([str(pagefind_js.POLL_MS), "50"])
    copy = tmp_path / "pagefind.mjs"  # an await outside an async function would not parse
    copy.write_text(script, encoding="utf-8")
    checked = subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_a_changed_pagefind_js_stops_the_build_with_what_to_do():
    script = "".join(e.old for e in pagefind_js.EDITS[1:])  # the poll of getPtr is missing
    with pytest.raises(pagefind_js.ScriptChanged, match=r"innehåller 0 gånger i stället för en gång.*pagefind_js\.py"):
        pagefind_js.edit(script)
    with pytest.raises(pagefind_js.ScriptChanged, match="innehåller 2 gånger i stället för en gång"):
        pagefind_js.edit(pagefind_js.POLL.old + script + pagefind_js.POLL.old)
    # the callers of decompress: five in Pagefind 1.6, each awaited
    with pytest.raises(pagefind_js.ScriptChanged, match="innehåller 4 gånger i stället för 5 gånger"):
        pagefind_js.edit(pagefind_js.AWAIT_GUNZIP.old * 4, (pagefind_js.AWAIT_GUNZIP,))
    edited = pagefind_js.edit("".join(e.old * e.count for e in pagefind_js.EDITS))
    assert all(edited.count(e.new) == e.count for e in pagefind_js.EDITS)


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

    monkeypatch.setattr(pagefind_js, "EDITS", (pagefind_js.Edit("await asyncSleep(4711);", ""),))  # not in Pagefind
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
