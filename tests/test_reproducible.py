"""Two builds of the same commit give byte-identical sites, whatever the clock says."""

from __future__ import annotations

import gzip
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import GENERATOR, ROOT
from goda_exempel.reproducible import newest_mtime, source_date_epoch, stabilise_pagefind

# Runs the generator (ProperDocs or MkDocs) with every clock in the process 400 days and 5 hours ahead, and in another
# time zone: anything in the site that comes from the time of the build shows up as a difference.
LATER = """
import datetime as _dt, sys, time as _time
_shift = 400 * 86400 + 5 * 3600
_real = _time.time
_time.time = lambda: _real() + _shift
_time.time_ns = lambda: int((_real() + _shift) * 1e9)
_Datetime, _Date = _dt.datetime, _dt.date
class _LaterDatetime(_Datetime):
    @classmethod
    def now(cls, tz=None):
        return _Datetime.fromtimestamp(_time.time(), tz)
    @classmethod
    def utcnow(cls):
        return _Datetime.fromtimestamp(_time.time(), _dt.timezone.utc).replace(tzinfo=None)
    @classmethod
    def today(cls):
        return _Datetime.fromtimestamp(_time.time())
class _LaterDate(_Date):
    @classmethod
    def today(cls):
        return _Date.fromtimestamp(_time.time())
_dt.datetime, _dt.date = _LaterDatetime, _LaterDate
from GENERATOR.__main__ import cli
sys.argv = ["GENERATOR"] + sys.argv[1:]
cli()
""".replace("GENERATOR", GENERATOR)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(project: Path, site: Path, clock: str | None = None) -> None:
    args = ["-c", clock] if clock else ["-m", GENERATOR]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TZ="Pacific/Kiritimati" if clock else "UTC")
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run([sys.executable, *args, "build", "--strict", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The real project as it is now, git history included, so that nobody's edit in the working
    tree lands between the two builds."""
    copy = tmp_path_factory.mktemp("projekt")
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    for folder in (".git", "docs", "overrides", "hooks", "examples"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.fixture(scope="module")
def sites(project, tmp_path_factory) -> tuple[Path, Path]:
    now, later = tmp_path_factory.mktemp("nu") / "site", tmp_path_factory.mktemp("senare") / "site"
    build(project, now)
    build(project, later, clock=LATER)
    return now, later


def test_the_clock_really_was_moved():
    result = subprocess.run([sys.executable, "-c", LATER.split(f"from {GENERATOR}")[0] +
                             "print(_dt.datetime.now().year - _Datetime.now().year)"],
                            capture_output=True, text=True, check=True)
    assert int(result.stdout) >= 1


def test_two_builds_are_byte_identical(sites):
    one, two = files(sites[0]), files(sites[1])
    assert sorted(one) == sorted(two)
    different = [name for name in one if one[name] != two[name]]
    assert different == []
    # and these were among the files compared
    names = set(one)
    assert {"sitemap.xml", "sitemap.xml.gz", "index.html", "pagefind/pagefind-entry.json"} <= names
    assert any(n.startswith("pagefind/filter/") for n in names)
    assert any(n.startswith("pagefind/fragment/") for n in names)
    assert any(n.endswith(".pf_meta") for n in names)


def commit_time(root: Path = ROOT) -> int:
    out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True,
                         text=True, check=True)
    return int(out.stdout)


def test_the_sitemap_is_dated_by_the_last_commit(project, sites):
    day = datetime.fromtimestamp(commit_time(project), timezone.utc).strftime("%Y-%m-%d")
    sitemap = (sites[0] / "sitemap.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)
    assert dates and set(dates) == {day}
    packed = (sites[0] / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == sitemap
    header_time = int.from_bytes(packed[4:8], "little")  # MTIME in the gzip header
    assert datetime.fromtimestamp(header_time, timezone.utc).strftime("%Y-%m-%d") == day


def test_source_date_epoch_is_the_last_commit_in_git():
    assert source_date_epoch(ROOT) == commit_time()


def test_outside_git_it_is_the_newest_source_file(tmp_path):
    for name, when in (("mkdocs.yml", 1_600_000_000), ("docs/index.md", 1_700_000_000),
                       ("examples/a.md", 1_650_000_000), ("hooks/__pycache__/x.pyc", 1_900_000_000),
                       ("site/index.html", 1_950_000_000)):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
        os.utime(path, (when, when))
    assert newest_mtime(tmp_path) == 1_700_000_000  # neither caches nor the built site count
    env = dict(os.environ, GIT_CEILING_DIRECTORIES=str(tmp_path.parent))
    result = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                             "from goda_exempel.reproducible import source_date_epoch; "
                             "print(source_date_epoch(Path(sys.argv[1])))", str(tmp_path)],
                            capture_output=True, text=True, env=env, check=True)
    assert int(result.stdout) == 1_700_000_000


def load_hook():
    spec = importlib.util.spec_from_file_location("reproducible_hook", ROOT / "hooks" / "reproducible.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_hook_respects_a_date_set_by_the_caller(monkeypatch):
    hook = load_hook()
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv(hook._OURS, raising=False)
    hook.on_config(config)
    assert os.environ["SOURCE_DATE_EPOCH"] == str(commit_time())
    hook.on_config(config)  # a rebuild in the same process (mkdocs serve) dates it again
    assert os.environ["SOURCE_DATE_EPOCH"] == str(commit_time())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")  # the caller's choice wins
    hook.on_config(config)
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400"


def test_an_index_it_does_not_know_is_left_alone(tmp_path):
    (tmp_path / "pagefind-entry.json").write_text('{"version": "9", "languages": {"sv": {"hash": "sv_x"}}}')
    (tmp_path / "pagefind.sv_x.pf_meta").write_bytes(gzip.compress(b"something else"))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert stabilise_pagefind(tmp_path) is False
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("meta", [b"pagefind_dcd", b"pagefind_dcd\x85", b"pagefind_dcd\xfb\x00", b"pagefind_dcd\x9f"])
def test_a_damaged_index_is_left_alone(tmp_path, meta):
    (tmp_path / "pagefind-entry.json").write_text('{"version": "1", "languages": {"sv": {"hash": "sv_x"}}}')
    (tmp_path / "pagefind.sv_x.pf_meta").write_bytes(gzip.compress(meta))
    assert stabilise_pagefind(tmp_path) is False
    assert (tmp_path / "pagefind.sv_x.pf_meta").exists()
