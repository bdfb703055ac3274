"""Synthetic but realistic cases for the benchmark, deterministic from a seed.

Every controlled value is drawn from the vocabularies and municipalities the schema uses
(``schema.vocabulary``, ``geo.municipalities``), so the cases follow the schema as it is
today; every value of every facet appears once there are enough cases. Titles are unique.
The body has every section of ``schema.section_headings()`` with Swedish text of about
2–4 kB. Files are written with ``serialize.dump_case``, like every other tool that writes
a case.

    .venv/bin/python bench/generate.py 1000 /tmp/examples --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import textwrap
from pathlib import Path

from goda_exempel import geo, schema, serialize
from goda_exempel.load import slugify

# --- word material (free text only; every controlled value comes from the schema) ---------

_AREA_HEADS = ["Björk", "Ek", "Lind", "Gran", "Tall", "Sol", "Sjö", "Berg", "Äng", "Hag", "Sten",
               "Rosen", "Lärk", "Al", "Ask", "Lönn", "Hassel", "Vall", "Kvarn", "Mos", "Råg", "Hav"]
_AREA_TAILS = ["backen", "hagen", "gården", "dalen", "lunda", "berga", "vik", "höjden", "torp",
               "ängen", "parken", "staden", "holmen", "näs", "ås", "kulla"]

_ACTIVITIES = [
    "Trygghetsvandringar", "Nattvandring med föräldrar", "Öppen fritidsgård på kvällstid",
    "Huskurage i flerfamiljshus", "Gemensam lägesbild", "Medborgarlöfte mot otrygghet",
    "Ny belysning längs gångstråken", "Sommarjobb för unga", "Föräldrastöd i skolan",
    "Grannsamverkan", "Trygga skolvägar", "Mötesplats för unga vuxna", "Samverkan mot klotter",
    "Platsanalys av torget", "Fotbollsfredagar", "Stöd till våldsutsatta kvinnor",
    "Värdegrundsarbete i idrottsföreningar", "Trygghetsmätning och dialog", "Bovärdar i området",
    "Fältgrupp på helger", "Trygg i centrum", "Tidiga insatser för barn i riskzon",
    "Ledarutbildning för unga förebilder", "Lokalt brottsförebyggande råd",
    "Handlare mot snatteri", "Städdagar och skötselavtal", "Kvällsöppet bibliotek",
    "Mentorskap för ungdomar", "Uppsökande arbete i parken", "Brandförebyggande hembesök",
    "Tryggare parkeringshus", "Samordnad insats mot narkotika", "Dialogforum med boende",
    "Utbildning i våld i nära relationer", "Sociala insatsgrupper", "Trygghetsvärdar på bussen",
    "Kameror och skötsel vid stationen", "Kulturskola i stadsdelen", "Läxhjälp och fritid",
    "Avhopparverksamhet", "Trygga mötesplatser för äldre", "Lokal överenskommelse om samverkan",
]

_ROLES = ["Trygghetssamordnare", "Brottsförebyggande samordnare", "Kommunpolis", "Fritidsledare",
          "Områdesutvecklare", "Utvecklingsledare", "Enhetschef för fältverksamheten", "Bovärd",
          "Folkhälsostrateg", "Verksamhetschef"]
_FIRST = ["Anna", "Erik", "Maria", "Johan", "Sara", "Karl", "Fatima", "Ali", "Elin", "Mikael",
          "Lena", "Ahmed", "Sofia", "Per", "Ida", "Jonas"]
_LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
         "Persson", "Svensson", "Gustafsson", "Hassan", "Lindberg", "Berg", "Holm"]
_UNIVERSITIES = ["Malmö universitet", "Stockholms universitet", "Linnéuniversitetet",
                 "Högskolan i Halmstad", "Örebro universitet", "Umeå universitet",
                 "Göteborgs universitet", "Lunds universitet"]
_PUBLISHERS = ["Brottsförebyggande rådet", "Sveriges Kommuner och Regioner", "Länsstyrelsen",
               "Polismyndigheten", "Folkhälsomyndigheten", "kommunens webbplats"]

# Sentence templates per body section. Slots: {kommun} {omrade} {org} {partner} {grupp}
# {metod} {tema} {ar} {ar2} {antal} {procent} {manader}.
_WHY = [
    "Under {ar} märkte {org} att allt fler {grupp} i {omrade} kände sig otrygga, särskilt på kvällarna.",
    "Trygghetsmätningen i {kommun} visade att var {antal}:e invånare undvek vissa platser efter mörkrets inbrott.",
    "Boende hörde av sig om skadegörelse, nedskräpning och grupper som samlades vid centrumet.",
    "Skolan och socialtjänsten såg samma mönster: fler orosanmälningar och fler unga som var ute sent.",
    "Polisens lägesbild pekade ut {omrade} som ett av de områden där anmälningarna hade ökat mest.",
    "Det fanns redan mycket engagemang, men insatserna var splittrade och ingen hade helhetsbilden.",
    "{partner} hade länge efterfrågat ett mer samordnat arbete med tydliga ansvarsområden.",
    "Frågan om {tema} lyftes i kommunens brottsförebyggande råd som ett av de viktigaste områdena.",
    "Många av de {grupp} som deltog i dialogerna sa att de inte visste vart de skulle vända sig.",
    "En analys av orsakerna visade att bristande belysning och dålig skötsel bidrog till otryggheten.",
    "Det fanns få mötesplatser för {grupp} och föreningslivet hade svårt att nå dem.",
    "Kostnaderna för skadegörelse hade ökat under flera år, och bostadsbolaget ville bryta trenden.",
    "Behovet blev tydligt efter en uppmärksammad händelse som skapade oro i hela stadsdelen.",
    "Kommunens nya strategi för trygghet pekade ut {tema} som ett prioriterat område fram till {ar2}.",
]
_HOW = [
    "Arbetet startade med en gemensam lägesbild där {org} och {partner} sammanställde statistik och erfarenheter.",
    "Vi valde {metod} som arbetssätt eftersom metoden hade prövats i andra kommuner med goda resultat.",
    "En arbetsgrupp med representanter från {org} och {partner} träffades varannan vecka under {manader} månader.",
    "Insatsen riktades i första hand till {grupp} i {omrade}, men alla invånare var välkomna att delta.",
    "Vi genomförde {antal} trygghetsvandringar där boende, fastighetsägare och polis gick runt tillsammans.",
    "Resultaten från vandringarna blev en åtgärdslista med ansvariga och tidsplan för varje punkt.",
    "Fältassistenterna arbetade kvällar och helger och fanns på de platser där ungdomarna samlades.",
    "Personalen fick utbildning i bemötande, konflikthantering och hur man uppmärksammar våld i nära relationer.",
    "Informationen spreds via skolor, föreningar, sociala medier och anslag i trapphusen på flera språk.",
    "{partner} bidrog med lokaler och personal, och kommunen stod för samordningen och uppföljningen.",
    "För att nå fler {grupp} samarbetade vi med idrottsföreningar och trossamfund i området.",
    "Buskage röjdes, belysningen byttes ut och nya sittplatser placerades där det rörde sig mycket folk.",
    "Varje månad gick arbetsgruppen igenom läget och justerade insatserna efter det som kommit fram.",
    "Arbetet finansierades inom ordinarie budget, med ett tillskott från länsstyrelsen under det första året.",
    "En referensgrupp med {grupp} gav synpunkter på förslagen innan de genomfördes.",
    "Vi dokumenterade arbetet löpande så att andra förvaltningar kunde ta del av erfarenheterna.",
]
_RESULT = [
    "Efter ett år uppgav {procent} procent av de tillfrågade att de kände sig tryggare i {omrade}.",
    "Antalet anmälda skadegörelsebrott minskade, men det är svårt att säga hur mycket som berodde på insatsen.",
    "Uppföljningen visade att fler {grupp} deltog i aktiviteterna än vad vi hade räknat med.",
    "Samverkan mellan {org} och {partner} blev tydligare och fortsatte efter projekttiden.",
    "Det som fungerade sämst var att nå föräldrar som inte redan var engagerade.",
    "Boende beskrev att det blivit lättare att veta vem man ska kontakta när något händer.",
    "Kostnaderna för klotter och skadegörelse sjönk med ungefär {procent} procent under perioden.",
    "Arbetssättet med {metod} har nu blivit en del av den ordinarie verksamheten i {kommun}.",
    "En extern utvärdering från {ar2} pekade på bättre samordning men osäkra effekter på brottsligheten.",
    "Vissa åtgärder från trygghetsvandringarna tog längre tid än planerat eftersom ansvaret var oklart.",
    "Personalen upplever att de har fått bättre verktyg för att agera tidigt.",
    "Intresset från andra stadsdelar har varit stort och arbetet sprids nu till {antal} nya områden.",
    "Vi har inte kunnat mäta effekter på lång sikt, men de första resultaten är lovande.",
]
_LESSONS = [
    "**Börja med en gemensam lägesbild.** Utan en gemensam bild av problemen blir det svårt att välja rätt insatser.",
    "**Ge arbetet en tydlig ägare.** Någon måste ha mandat att samordna och följa upp.",
    "**Involvera de boende tidigt.** De vet var problemen finns och vilka lösningar som kan fungera.",
    "**Planera för uppföljning från start.** Bestäm vad som ska mätas innan insatsen börjar.",
    "**Räkna med att det tar tid.** Förtroende byggs under år, inte veckor.",
    "**Använd befintliga strukturer.** Det är lättare att bygga vidare på nätverk som redan finns.",
    "**Var konkret.** En åtgärdslista med namn och datum gör mer än en lång strategi.",
    "**Berätta om resultaten.** Återkoppling till de boende gör att fler vill vara med nästa gång.",
    "**Låt {grupp} vara med och bestämma.** Delaktighet ökar både träffsäkerhet och engagemang.",
]

_SECTION_TEXT = {"darfor": _WHY, "sa-gjorde-vi": _HOW, "sa-blev-det": _RESULT}


def _genitive(name: str) -> str:
    return name if name.endswith(("s", "x", "z")) else name + "s"


def _region(county: str) -> str:
    name = county.removesuffix(" län")
    return "Region " + (name[:-1] if name.endswith("s") else name)


class _Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.vocab = {name: schema.vocabulary(name) for name in schema.vocabularies()}
        munis = sorted(geo.municipalities().values(), key=lambda m: m.code)
        self.rng.shuffle(munis)
        self.munis = munis
        self.by_county: dict[str, list[geo.Municipality]] = {}
        for m in munis:
            self.by_county.setdefault(m.county_code, []).append(m)
        self.areas = [h + t for h in _AREA_HEADS for t in _AREA_TAILS]
        self.placed = 0  # cases so far that name a municipality
        self.titles: set[str] = set()
        self.ids: set[str] = set()

    # --- helpers ---------------------------------------------------------------------

    def ids_of(self, name: str) -> list[str]:
        return self.vocab[name].ids

    def pick(self, name: str, i: int, low: int, high: int) -> list[str]:
        """``low``–``high`` distinct values, the first rotating so that every value is used."""
        ids = self.ids_of(name)
        first = ids[i % len(ids)]
        rest = [v for v in ids if v != first]
        return [first] + self.rng.sample(rest, self.rng.randint(low, high) - 1)

    def org(self, kind: str, m: geo.Municipality, area: str) -> dict[str, str]:
        k = m.name
        names = {
            "kommun": f"{_genitive(k)} kommun",
            "region": _region(m.county),
            "bostadsbolag": f"Bostads AB {area}",
            "polis": f"Polisen, lokalpolisområde {k}",
            "raddningstjanst": f"Räddningstjänsten {k}",
            "civilsamhalle": self.rng.choice([f"Brottsofferjouren {k}", f"Nattvandrarna i {k}",
                                              f"Föreningen Trygg i {area}", f"Kvinnojouren i {k}"]),
            "trossamfund": f"{area} församling",
            "naringsliv": self.rng.choice([f"Företagarna {k}", f"Handelsföreningen i {k}"]),
            "myndighet": self.rng.choice([f"Länsstyrelsen i {m.county}", "Brottsförebyggande rådet"]),
            "forskning": self.rng.choice(_UNIVERSITIES),
            "skola": f"{area}skolan",
        }
        return {"name": names.get(kind, f"{kind.capitalize()} i {k}"), "type": kind}

    def unique_title(self, area: str, m: geo.Municipality, year: int) -> str:
        for attempt in range(50):
            activity = self.rng.choice(_ACTIVITIES)
            shape = self.rng.randrange(3)
            if shape == 0:
                title = f"{activity} i {area}, {m.name}"
            elif shape == 1:
                title = f"{activity} i {m.name}"
            else:
                title = f"{activity} i {area} {year}"
            if attempt > 10:
                title = f"{activity} i {area}, {m.name} {year + attempt}"
            key = " ".join(title.lower().split())
            if key not in self.titles:
                self.titles.add(key)
                return title
        raise RuntimeError("could not find a unique title")  # pragma: no cover

    def unique_id(self, title: str) -> str:
        base = slugify(title)[:70].strip("-")
        case_id, n = base, 2
        while case_id in self.ids:
            case_id, n = f"{base}-{n}", n + 1
        self.ids.add(case_id)
        return case_id

    def fill(self, template: str, slots: dict[str, str]) -> str:
        return template.format(**slots)

    def paragraphs(self, templates: list[str], slots: dict[str, str], count: int, per: tuple[int, int]) -> str:
        chosen = self.rng.sample(templates, min(len(templates), count * per[1]))
        out, pos = [], 0
        for _ in range(count):
            n = self.rng.randint(*per)
            sentences = chosen[pos:pos + n] or chosen[:n]
            pos += n
            out.append(textwrap.fill(" ".join(self.fill(s, slots) for s in sentences), 100,
                                     break_long_words=False, break_on_hyphens=False))
        return "\n\n".join(out)

    # --- one case ----------------------------------------------------------------------

    def case(self, i: int) -> tuple[str, str]:
        rng = self.rng
        scope = self.ids_of("scopes")[i % len(self.ids_of("scopes"))]
        placed = scope in ("lokal", "regional") or rng.random() < 0.3  # national work may name none
        if placed:  # every municipality in turn, so all of them are used
            m = self.munis[self.placed % len(self.munis)]
            self.placed += 1
        else:  # still the home of the organisations that did the work
            m = rng.choice(self.munis)
        area = self.areas[(i * 7 + rng.randrange(len(self.areas))) % len(self.areas)]
        status = self.ids_of("statuses")[(i // 3) % len(self.ids_of("statuses"))]
        start = rng.randint(2005, 2024)
        today = 2026
        if status == "planerad":
            start = rng.randint(2026, 2027)
        start_text = rng.choice([f"{start}", f"{start}-{rng.randint(1, 12):02d}",
                                 f"{start}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
        if status == "avslutad":
            end_text = str(min(today, start + rng.randint(1, 6)))
        else:
            end_text = "pågående"
        title = self.unique_title(area, m, start)
        case_id = self.unique_id(title)

        org_types = self.ids_of("organisation_types")
        owner = self.org(org_types[i % len(org_types)], m, area)
        partners = [self.org(t, m, area) for t in rng.sample(org_types, rng.randint(0, 3))
                    if t != owner["type"]]
        themes = self.pick("themes", i, 1, 3)
        methods = self.pick("methods", i, 1, 4)
        groups = self.pick("target_groups", i, 1, 3)
        level = self.ids_of("evaluation_levels")[i % len(self.ids_of("evaluation_levels"))]

        added = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2400))
        reviewed = added + dt.timedelta(days=rng.randrange(400))
        slots = {
            "kommun": m.name, "omrade": area, "org": owner["name"],
            "partner": partners[0]["name"] if partners else "Polisen",
            "grupp": self.vocab["target_groups"].label_of(groups[0]).lower(),
            "metod": self.vocab["methods"].label_of(methods[0]).lower(),
            "tema": self.vocab["themes"].label_of(themes[0]).lower(),
            "ar": str(start), "ar2": str(start + 3), "antal": str(rng.randint(3, 12)),
            "procent": str(rng.randint(8, 45)), "manader": str(rng.randint(4, 18)),
        }
        summary = (f"{owner['name']} arbetade med {slots['metod']} för att {rng.choice(['öka tryggheten', 'minska brottsligheten', 'stärka samverkan', 'nå fler unga'])} "
                   f"i {area} i {m.name}. Arbetet riktade sig till {slots['grupp']} och "
                   f"{rng.choice(['följdes upp efter ett år', 'pågår fortfarande', 'har spridits till fler områden', 'gav lärdomar om samverkan'])}.")
        slug = slugify(m.name)
        sources = [{"title": f"{title} – så gick det till", "url": f"https://www.{slug}.se/trygghet/{case_id}",
                    "publisher": owner["name"], "published": f"{min(today, start + 1)}"}]
        if rng.random() < 0.5:
            sources.append({"title": f"Rapport om {slots['tema']} i {m.name}",
                            "url": f"https://bra.se/rapporter/{slug}-{start}.html",
                            "publisher": rng.choice(_PUBLISHERS)})
        contact = {"role": rng.choice(_ROLES), "organisation": owner["name"]}
        if rng.random() < 0.3:
            contact["name"] = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            contact["email"] = f"trygghet@{slug}.se"

        meta: dict = {
            "title": title, "summary": summary, "kind": self.ids_of("kinds")[i % len(self.ids_of("kinds"))],
            "organisations": [owner],
        }
        if partners:
            meta["partners"] = partners
        meta["scope"] = scope
        if scope == "regional":
            same = [x.name for x in self.by_county[m.county_code] if x.name != m.name]
            meta["municipalities"] = [m.name] + rng.sample(same, min(len(same), rng.randint(1, 3)))
        elif placed and scope == "nationell":  # national work names where it was tried
            meta["pilot_municipalities"] = [m.name]
        elif placed:
            meta["municipalities"] = [m.name]
        if rng.random() < 0.6:
            meta["areas"] = [area]
        meta["period"] = {"start": start_text, "end": end_text}
        meta["status"] = status
        meta["themes"] = themes
        meta["prevention"] = self.pick("prevention", i, 1, len(self.ids_of("prevention")))
        meta["target_groups"] = groups
        meta["methods"] = methods
        evaluation: dict = {"level": level}
        if rng.random() < 0.7:
            evaluation["description"] = self.paragraphs(_RESULT, slots, 1, (2, 3))[:600].rsplit(".", 1)[0] + "."
        if rng.random() < 0.3 and level not in ("ingen", "framgar-inte"):  # rules.yaml: no reports then
            evaluation["reports"] = [{"title": f"Utvärdering av {title.lower()}",
                                      "url": f"https://www.{slug}.se/rapporter/{case_id}.pdf"}]
        meta["evaluation"] = evaluation
        if rng.random() < 0.5:
            meta["budget"] = {"amount": rng.randint(5, 400) * 10_000,
                              "per": self.ids_of("budget_periods")[i % len(self.ids_of("budget_periods"))]}
            if rng.random() < 0.5:
                meta["budget"]["note"] = "Finansierades inom ordinarie budget med stöd från länsstyrelsen."
        meta["sources"] = sources
        meta["contacts"] = [contact]
        meta["added"] = added.isoformat()
        meta["last_reviewed"] = min(reviewed, dt.date(2026, 11, 21)).isoformat()
        return case_id, serialize.dump_case(meta, self.body(slots, sources))

    def body(self, slots: dict[str, str], sources: list[dict[str, str]]) -> str:
        parts = []
        for section in schema.section_headings():
            if section.id in _SECTION_TEXT:
                text = self.paragraphs(_SECTION_TEXT[section.id], slots, self.rng.randint(2, 3), (2, 4))
            elif section.id == "slutsatser":
                text = "\n".join("- " + self.fill(s, slots) for s in self.rng.sample(_LESSONS, 4))
            elif section.id == "fordjupning":
                text = "\n".join(f"- [{s['title']}]({s['url']}), {s['publisher']}" for s in sources)
            else:  # a section added to the vocabulary later: still fill it
                text = self.paragraphs(_HOW, slots, 1, (2, 3))
            parts.append(f"## {section.label}\n\n{text}")
        return "\n\n".join(parts)


def generate(count: int, out_dir: Path, seed: int = 1) -> list[Path]:
    """Write ``count`` case files into ``out_dir`` (created if needed); return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    gen = _Generator(seed)
    paths = []
    for i in range(count):
        case_id, text = gen.case(i)
        path = out_dir / f"{case_id}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write N synthetic, valid cases.")
    parser.add_argument("count", type=int)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = generate(args.count, args.out_dir, args.seed)
    print(f"{len(paths)} cases written to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
