"""Facets, related cases, Swedish order, and the browse pages of the real built site."""

from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path

from goda_exempel import facets, schema
from goda_exempel.model import Case
from goda_exempel.sorting import swedish_sorted
from goda_exempel.validate import validate_dir

ROOT = Path(__file__).resolve().parent.parent
REAL = validate_dir(ROOT / "examples", ROOT).cases
BASE = next(c for c in REAL if c.id == "trygghetssamordnare-halmstad").meta


def make(case_id: str, title: str, themes=(), methods=(), municipalities=("Ale",), targets=("boende",)) -> Case:
    meta = copy.deepcopy(BASE)
    meta.update(title=title, themes=list(themes) or ["livsvillkor"], methods=list(methods),
                municipalities=list(municipalities), target_groups=list(targets))
    return Case(case_id, f"examples/{case_id}.md", meta, "")


def test_swedish_order_puts_a_ring_a_umlaut_o_umlaut_last():
    words = ["Örebro", "Ale", "Åre", "Älvdalen", "Zinkgruvan", "Östersund", "Vaxholm", "Ängelholm", "Eda", "Ödeshög"]
    assert swedish_sorted(words) == ["Ale", "Eda", "Vaxholm", "Zinkgruvan", "Åre", "Älvdalen", "Ängelholm",
                                     "Ödeshög", "Örebro", "Östersund"]


def test_swedish_order_puts_the_shorter_word_first_as_spaces_count():
    titles = ["Lokalt brottsförebyggande råd", "Lokal överenskommelse", "Lokala  rådet", "Lokal-tv"]
    assert swedish_sorted(titles) == ["Lokal överenskommelse", "Lokala  rådet", "Lokalt brottsförebyggande råd",
                                      "Lokal-tv"]  # other signs than spaces are left out: "lokaltv"
    assert swedish_sorted(["Bo tryggt", "Botkyrka", "Bo  Tryggt 2"]) == ["Bo tryggt", "Bo  Tryggt 2", "Botkyrka"]


def test_related_ranks_by_shared_themes_methods_and_place():
    target = make("a", "A", themes=["andt", "barn-och-unga"], methods=["sspf"], municipalities=["Lund"])
    same_place_and_theme = make("b", "B", themes=["andt"], municipalities=["Lund"])
    two_themes = make("c", "C", themes=["andt", "barn-och-unga"], municipalities=["Kiruna"], targets=["personal"])
    method_and_county = make("d", "D", methods=["sspf"], municipalities=["Malmö"], targets=["personal"])
    nothing = make("e", "E", themes=["livsvillkor"], municipalities=["Kiruna"], targets=["personal"])
    result = facets.related([target, same_place_and_theme, two_themes, method_and_county, nothing])
    # B: theme 3 + municipality 3 + county 1 + target 1 = 8; C: 6; D: method 2 + county 1 = 3
    assert [c.id for c in result["a"]] == ["b", "c", "d"]
    assert "b" not in [c.id for c in result["b"]]  # never related to itself


def test_related_ties_are_broken_by_swedish_title_order_and_capped_at_five():
    target = make("x", "X", themes=["andt"], municipalities=["Kiruna"])
    others = [make(f"o{i}", title, themes=["andt"], municipalities=["Gotland"])
              for i, title in enumerate(["Ö", "Å", "A", "Ä", "Z", "B"])]
    result = facets.related([target, *others])
    assert [c.title for c in result["x"]] == ["A", "B", "Z", "Å", "Ä"]


def test_related_stays_bounded_with_a_small_pool():
    cases = [make(f"c{i}", f"Fall {i:03d}", themes=["andt"], municipalities=["Ale"]) for i in range(50)]
    cases.append(make("rare", "Sällsynt", themes=["andt"], methods=["huskurage"], municipalities=["Ale"]))
    cases.append(make("twin", "Tvilling", themes=["andt"], methods=["huskurage"], municipalities=["Ale"]))
    result = facets.related(cases, pool=10)
    assert result["rare"][0].id == "twin"  # the rare shared method is found first


def test_facet_slugs_are_unique_even_for_habo_and_haabo():
    slugs = facets.facet("kommun").slugs()
    assert slugs["Habo"] != slugs["Håbo"]
    assert len(set(slugs.values())) == 290
    assert slugs["Jönköping"] == "jonkoping"


def test_every_facet_value_comes_from_the_vocabularies():
    assert facets.facet("tema").every_value() == schema.vocabulary("themes").ids
    assert facets.facet("metod").label_of("sspf") == "SSPF"


def test_facet_pages_exist_for_every_theme_county_type_and_method(built_site):
    for key, vocab in [("tema", "themes"), ("organisation", "organisation_types"), ("metod", "methods"),
                       ("malgrupp", "target_groups")]:
        f = facets.facet(key)
        for value in schema.vocabulary(vocab).ids:
            page = built_site / facets.facet_url(f, value) / "index.html"
            assert page.exists(), page
    assert len(list((built_site / "lan").glob("*/index.html"))) == 21
    jonkoping = (built_site / "kommun/jonkoping/index.html").read_text(encoding="utf-8")
    assert "Kommun: Jönköping" in jonkoping
    assert 'href="../../exempel/trygga-grannar-vatterhem/"' in jonkoping
    assert 'href="../../exempel/vardegrund-raslatt-jonkoping/"' in jonkoping
    assert "trygghetssamordnare-halmstad" not in jonkoping
    empty = (built_site / "metod/sspf/index.html").read_text(encoding="utf-8")
    assert "Dela ditt exempel" in empty or "goteborg" in empty


def test_case_page_links_its_facets_and_lists_related_cases(built_site):
    html = (built_site / "exempel/trygga-grannar-vatterhem/index.html").read_text(encoding="utf-8")
    assert '<a href="../../tema/vald-i-nara-relationer/">Våld i nära relationer</a>' in html
    assert '<a href="../../kommun/jonkoping/">Jönköping</a>' in html
    related = html[html.index('id="liknande-exempel"'):]
    assert 'href="../../exempel/vardegrund-raslatt-jonkoping/"' in related  # same municipality
    assert 'data-pagefind-filter="tema">Våld i nära relationer<' in html


def test_map_marks_municipalities_with_cases_and_has_a_text_alternative(built_site):
    html = (built_site / "karta/index.html").read_text(encoding="utf-8")
    start = html.index('<svg class="ge-map"')
    svg = html[start:html.index("</svg>", start)]
    # expectations from the case files, so the test holds as the bank grows
    places = {m.name for c in REAL for m in c.municipalities}
    per_county = Counter(county for c in REAL for county in c.counties)
    in_jonkoping = {m.name for c in REAL for m in c.municipalities if m.county == "Jönköpings län"}
    kommuner = "kommun" if len(in_jonkoping) == 1 else "kommuner"
    assert svg.count('class="ge-map__county"') == len(per_county)
    assert (f'aria-label="Jönköpings län: {per_county["Jönköpings län"]} exempel i {len(in_jonkoping)} {kommuner}"'
            in svg)
    assert 'href="#lan-jonkopings-lan"' in svg
    assert svg.count("<circle") == len(per_county) + len(places)  # a marker per county, a dot per municipality
    after = html[html.index("</svg>", start):]
    assert ('<h3 id="lan-jonkopings-lan">Jönköpings län</h3>' in after
            and f"({per_county['Jönköpings län']} exempel)" in after)
    assert 'href="../kommun/halmstad/"' in after


def test_statistics_are_tables_with_every_figure_written_out(built_site):
    html = (built_site / "statistik/index.html").read_text(encoding="utf-8")
    assert "<caption>Exempel per tema</caption>" in html
    assert "<caption>Exempel per län</caption>" in html
    assert "<caption>Exempel per år</caption>" in html
    assert '<th scope="row"><a href="../hitta-exempel/?lan=J%C3%B6nk%C3%B6pings+l%C3%A4n">Jönköpings län</a></th>' in html


def test_a_to_o_pages_group_titles_by_first_letter_in_swedish_order():
    from goda_exempel import browse

    cases = [make(str(i), t) for i, t in enumerate(["Örat", "Äpplet", "Åkern", "Zon", "Élan", "Bo", "112-samtal"])]
    groups = browse.by_letter(cases)
    assert [(letter, slug) for letter, slug, _ in groups] == [
        ("0–9", "0-9"), ("B", "b"), ("E", "e"), ("Z", "z"), ("Å", "aa"), ("Ä", "ae"), ("Ö", "oe")]
    assert [c.title for c in groups[2][2]] == ["Élan"]


def test_the_catalogue_lists_every_case_inline_only_while_the_list_is_short():
    from goda_exempel import browse

    few = [make(f"c{i}", f"Fall {i}") for i in range(3)]
    many = [make(f"c{i}", f"Fall {i}") for i in range(browse.INLINE_LIMIT + 1)]
    def parts(cases):  # (the first page shown with JavaScript, the list without it)
        first, static = browse.catalogue_html(cases, "../").split('id="ge-static"')
        return first.count('class="ge-list__title"'), static.count('class="ge-list__title"'), static

    assert parts(few)[:2] == (3, 3)
    first, inline, static = parts(many)
    assert (first, inline) == (browse.CATALOGUE_PAGE, 0)
    assert '<a href="../alla/f/">F</a>' in static


def test_equal_titles_are_listed_by_address_as_in_the_search_index():
    from goda_exempel import lists

    cases = [make("b-fall", "Samma rubrik"), make("a-fall", "Samma rubrik"), make("c", "Annan rubrik")]
    assert [c.id for c in lists.by_title(cases)] == ["c", "a-fall", "b-fall"]


def test_a_case_without_municipalities_shows_its_scope_in_lists_and_in_the_search_metadata():
    """The catalogue's first page (lists.item_html) and the cases after it (the search index's
    metadata) must show the same place."""
    import re

    from goda_exempel import lists, search

    case = make("regional", "Regionalt arbete", municipalities=())
    case.meta["scope"] = "regional"
    assert " · Regional · " in lists.item_html(case, "../")
    plats = re.search(r'data-pagefind-meta="plats">([^<]*)<', search.annotations(case)).group(1)
    assert plats == "Regional"
