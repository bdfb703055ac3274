"""Short names for the pages of the search index (goda_exempel/page_names.py): what a first
search loads of the index's metadata, and names that never mean two pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from goda_exempel import page_names, pagefind_files, search
from test_search_index import TITLES, page, urls_in_order


def meta_of(bundle: Path) -> tuple[Path, list]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    path = bundle / f"pagefind.{entry['languages']['sv']['hash']}.pf_meta"
    return path, pagefind_files.read(path)


def names(bundle: Path) -> list[str]:
    return [p[0] for p in meta_of(bundle)[1][1]]


def fragments(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*.pf_fragment")}


def test_each_page_is_named_by_the_index_tag_and_its_place_across_the_shards(tmp_path):
    pages = [page(f"fall-{i}", title) for i, title in enumerate(TITLES)]
    folder = tmp_path / "pagefind"
    search.build_index(pages, folder, shard_size=3)

    shards = [folder, folder / "del-1", folder / "del-2"]
    tags = {re.fullmatch(r"([0-9a-f]{6})\d+", name).group(1) for bundle in shards for name in names(bundle)}
    assert len(tags) == 1
    tag = tags.pop()
    assert [names(bundle) for bundle in shards] == [[f"{tag}0", f"{tag}3", f"{tag}6"], [f"{tag}1", f"{tag}4"],
                                                      [f"{tag}2", f"{tag}5"]]
    # every name is a file with that page, and nothing else is left in the fragment folders
    assert fragments(folder) == {f"{prefix}fragment/{name}.pf_fragment"
                                 for bundle, prefix in zip(shards, ["", "del-1/", "del-2/"]) for name in names(bundle)}
    assert sorted(url for bundle in shards for url in urls_in_order(bundle)) == sorted(f"/{p.url}" for p in pages)
    # the metadata is named by its new content, and is the only metadata of its shard
    for bundle in shards:
        path, _ = meta_of(bundle)
        assert [p.name for p in bundle.glob("*.pf_meta")] == [path.name]


def test_a_changed_page_renames_every_page_so_no_browser_cache_mixes_two_builds(tmp_path):
    def build(text: str, name: str) -> set[str]:
        pages = [page(f"fall-{i}", title) for i, title in enumerate(TITLES[:-1])]
        pages.append(page("sista", TITLES[-1], text=text))
        search.build_index(pages, tmp_path / name, shard_size=3)
        return fragments(tmp_path / name)

    first = build("Ett exempel om trygghet.", "a")
    assert build("Ett exempel om trygghet.", "b") == first  # the same pages: the same names
    assert not build("Ett exempel om trygga gårdar.", "c") & first


def test_the_metadata_a_first_search_loads_is_a_third_smaller(tmp_path, monkeypatch):
    pages = [page(f"fall-{i}", f"Exempel {i}", text=f"Ett exempel om trygghet nummer {i}.") for i in range(400)]
    search.build_index(pages, tmp_path / "korta")
    monkeypatch.setattr(page_names, "shorten", lambda *args: True)
    search.build_index(pages, tmp_path / "pagefinds")

    short, = (tmp_path / "korta").glob("*.pf_meta")
    hashed, = (tmp_path / "pagefinds").glob("*.pf_meta")
    assert names(tmp_path / "korta") != names(tmp_path / "pagefinds")
    assert short.stat().st_size < 0.67 * hashed.stat().st_size


@pytest.mark.parametrize("change", ["two languages", "a fragment group", "a missing fragment"])
def test_an_index_laid_out_otherwise_is_left_as_it_is(tmp_path, change):
    search.build_index([page(f"fall-{i}", title) for i, title in enumerate(TITLES[:3])], tmp_path / "pagefind")
    bundle = tmp_path / "pagefind"
    path, meta = meta_of(bundle)
    entry = bundle / "pagefind-entry.json"
    if change == "two languages":
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["languages"]["en"] = dict(data["languages"]["sv"])
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif change == "a fragment group":
        meta[1][0][2] = "sv_grupp"
        path.write_bytes(pagefind_files.compress(pagefind_files.payload(meta)))
    else:
        (bundle / "fragment" / f"{meta[1][1][0]}.pf_fragment").unlink()
    before = {p: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}

    assert page_names.shorten(bundle, "abcdef", 0, 1) is False
    assert {p: p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == before


def test_an_entry_file_it_does_not_know_gives_no_tag(tmp_path):
    (tmp_path / "pagefind-entry.json").write_text('{"version": "9"}', encoding="utf-8")
    assert page_names.tag([tmp_path]) is None
    (tmp_path / "pagefind-entry.json").write_text("inte json", encoding="utf-8")
    assert page_names.tag([tmp_path]) is None
