"""In real Chromium: the header search finds each case by an inflected Swedish word that is
not in the case literally, and no page makes a request to another site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

# word typed → the case it must find; the word itself does not occur in that case's file
INFLECTED = {
    "grannarna": "trygga-grannar-vatterhem",
    "ungdomarna": "vardegrund-raslatt-jonkoping",
    "chaufförer": "trygghetssamordnare-halmstad",
    "överenskommelsen": "organiserad-trygghet-goteborg",
}


@pytest.mark.parametrize("word, case_id", INFLECTED.items())
def test_header_search_understands_swedish_inflections(page, site_url, word, case_id):
    text = (ROOT / "examples" / f"{case_id}.md").read_text(encoding="utf-8").lower()
    assert not re.search(rf"\b{word}\b", text)  # the test relies on stemming, not an exact match
    page.goto(site_url + "om/")
    page.get_by_role("searchbox", name="Sök bland exemplen").fill(word)
    hits = page.locator(".ge-search__list a")
    hits.first.wait_for(timeout=10_000)
    hrefs = [urlsplit(h).path for h in hits.evaluate_all("els => els.map(e => e.href)")]
    assert urlsplit(site_url).path + f"exempel/{case_id}/" in hrefs
    status = page.locator(".ge-search__status").inner_text()
    assert status.endswith("exempel hittades")


def test_search_result_opens_the_case(page, site_url):
    page.goto(site_url)
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    box.fill("grannarna")
    page.locator(".ge-search__list a").first.wait_for(timeout=10_000)
    box.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/exempel/trygga-grannar-vatterhem/")
    assert page.locator("h1").inner_text().startswith("Trygga grannar")


def test_no_hits_says_so(page, site_url):
    page.goto(site_url)
    page.get_by_role("searchbox", name="Sök bland exemplen").fill("xyzzyqwerty")
    status = page.locator(".ge-search__status")
    status.wait_for(state="visible", timeout=10_000)
    page.wait_for_function("document.querySelector('.ge-search__status').textContent.length > 0")
    assert status.inner_text() == "Inga exempel hittades för ”xyzzyqwerty”."


PAGE_TYPES = ["", "om/", "hitta-exempel/", "exempel/trygga-grannar-vatterhem/", "finns-inte/"]


def test_every_request_stays_on_the_site(page, site_url):
    origin = urlsplit(site_url).netloc
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in PAGE_TYPES:
        page.goto(site_url + path, wait_until="networkidle")
    page.get_by_role("searchbox", name="Sök bland exemplen").fill("trygghet")
    page.locator(".ge-search__list a").first.wait_for(timeout=10_000)
    page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in url for url in requests), "the search made no request at all"
    elsewhere = [url for url in requests
                 if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != origin]
    assert elsewhere == []
    assert not [url for url in requests if "sitemap" in url]  # nothing fetched that no page needs


def test_fact_labels_are_not_searched_but_fact_values_are(page, site_url):
    page.goto(site_url)
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    box.fill("fakta")  # "Fakta om exemplet" heads the fact box of every case page
    page.wait_for_function("document.querySelector('.ge-search__status').textContent.length > 0")
    page.wait_for_timeout(300)
    hits = page.locator(".ge-search__list a").evaluate_all("els => els.map(e => e.pathname)")
    assert all(h.endswith("/exempel/trygga-grannar-vatterhem/") for h in hits)  # "faktiskt" in its text
    box.fill("Hyresgästföreningen")  # a partner, only in the fact box of one case
    page.wait_for_function("document.querySelector('.ge-search__status').textContent.startsWith('1 ')")
    href = page.locator(".ge-search__list a").first.get_attribute("href")
    assert href.endswith("/exempel/trygga-grannar-vatterhem/")
