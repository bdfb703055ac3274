"""What the real case files in examples/ say a view of the site must show: the expectations of
the browser tests, derived from the files so that the tests keep asserting exact results as the
bank grows (a new case changes what is expected, not whether the test holds)."""

from __future__ import annotations

from pathlib import Path

from goda_exempel import facets, lists
from goda_exempel.browse import CATALOGUE_PAGE, count_text
from goda_exempel.model import Case
from goda_exempel.validate import validate_dir

ROOT = Path(__file__).resolve().parent.parent
CASES: list[Case] = validate_dir(ROOT / "examples", ROOT).cases
ALL = {c.id for c in CASES}
TOTAL = count_text(len(CASES))  # the catalogue's status for every case, e.g. "17 exempel"
YEARS = sorted({int(y) for c in CASES for y in facets.active_years(c)})  # the year menus' options


def labels_of(case: Case, key: str) -> set[str]:
    """The labels a case has in one facet group, as its checkboxes name them."""
    f = facets.facet(key)
    return {f.label_of(v) for v in f.values_of(case)}


def matching(filters: dict[str, list[str]] | None = None, years: tuple[int | None, int | None] | None = None,
             cases: list[Case] | None = None) -> list[Case]:
    """The cases the catalogue lists for these filters, in Swedish title order (its order
    without search words). ``filters`` names facet values by their labels, e.g.
    {"tema": ["Lokalt engagemang"]}: values of one group are combined with "or", groups with
    "and". ``years`` is what the two year menus say, None for "Alla"; a case matches when it ran
    in any year of the span."""
    filters = filters or {}
    span = None
    if years and (years[0] is not None or years[1] is not None):
        low = YEARS[0] if years[0] is None else years[0]
        high = YEARS[-1] if years[1] is None else years[1]
        span = {str(y) for y in range(min(low, high), max(low, high) + 1)}
    return [c for c in lists.by_title(CASES if cases is None else cases)
            if all(labels_of(c, key) & set(wanted) for key, wanted in filters.items())
            and (span is None or span & set(facets.active_years(c)))]


def ids(cases: list[Case]) -> list[str]:
    return [c.id for c in cases]


def first_page(cases: list[Case]) -> list[str]:
    """The ids the catalogue's result list shows before "Visa fler"."""
    return ids(cases)[:CATALOGUE_PAGE]


def count_label(n: int) -> str:
    """A facet checkbox's count, e.g. "(3)"."""
    return f"({n})"


# Search words the browser tests use to find exactly one case: a word finds every case with a
# word that begins with its stem (Pagefind's Swedish stemming, then a prefix match).
ONE_CASE_WORDS = {"grannarna": ("grann", "trygga-grannar-vatterhem"),
                  "överenskommelsen": ("överenskommels", "organiserad-trygghet-goteborg")}


def cases_with_word_starting(*prefixes: str) -> list[str]:
    """The ids of the cases with, for every prefix, a word that begins with it: in the file or
    in the labels of its facts (as the search indexes its page)."""
    import re

    def text(c: Case) -> str:
        labels = " ".join(label for f in facets.FACETS for label in labels_of(c, f.key))
        return (ROOT / c.path).read_text(encoding="utf-8") + " " + labels

    words = [re.compile(rf"(?<![\wåäö]){re.escape(p)}", re.IGNORECASE) for p in prefixes]
    return sorted(c.id for c in CASES if all(w.search(text(c)) for w in words))
