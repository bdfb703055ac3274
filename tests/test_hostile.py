"""Broken and hostile case files: every one gives a valid case or exact Swedish messages with
file and line, never a traceback, a hang or a blow-up.

The corpus is ``tests/nasty/`` (one line per file in its README). Files that are big, binary
or in another encoding, and files with awkward names, are made here at run time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goda_exempel import load
from goda_exempel.errors import visible
from goda_exempel.validate import validate_paths

NASTY = Path(__file__).parent / "nasty"
VALID = NASTY / "giltigt.md"
CLI = Path(sys.executable).parent / "goda-exempel"

NO_FRONT_MATTER = ("filen saknar framsida. Den ska börja med en rad med bara --- följd av fälten och en "
                   "rad till med ---.")
NESTED_HEADING = ("en rubrik i en lista, ett citat eller ett indrag är inte tillåten. Skriv rubriken först på "
                  "raden (## Avsnitt eller ### Underrubrik), eller skriv inte # först i punkten.")
NOT_A_WORD = "ett fältnamn måste vara ett ord, till exempel title."
UTF16 = "filen är sparad som UTF-16. Spara den som UTF-8 (utan BOM) och försök igen."
LATIN1 = ("filen är inte sparad som UTF-8 (den ser ut att vara Latin-1 eller Windows-1252). "
          "Spara den som UTF-8 och försök igen.")

# file -> every problem as (line, field, message); an empty list means a valid case
CORPUS: dict[str, list[tuple[int, str, str]]] = {
    "giltigt.md": [],
    "med-bom.md": [],
    "crlf.md": [],
    "ja-nej-och-datum-som-text.md": [],
    "tom.md": [(1, "", NO_FRONT_MATTER)],
    "utan-framsida.md": [(1, "", NO_FRONT_MATTER)],
    "oavslutad-framsida.md": [
        (1, "", "framsidan stängs aldrig. Lägg till en rad med bara --- efter det sista fältet.")],
    "framsida-som-lista.md": [(2, "", "framsidan ska bestå av fält som title: Rubrik, ett per rad.")],
    "tabb-i-yaml.md": [
        (9, "", "YAML-fel: tabbtecken är inte tillåtna i YAML. Använd mellanslag för indrag.")],
    "kolon-i-rubriken.md": [
        (2, "", "YAML-fel: ett kolon på fel ställe. Sätt texten inom citattecken om den innehåller ': ', "
                "till exempel title: \"Trygghet: så gjorde vi\".")],
    "citat-som-inte-stangs.md": [
        (2, "", "YAML-fel: ett citattecken som aldrig stängs. Avsluta texten med samma citattecken.")],
    "direktiv.md": [
        (6, "", "YAML-fel: en rad som börjar med %, --- eller ... inne i framsidan. Framsidan ska bara "
                "innehålla fält och sluta med en rad med bara ---.")],
    "ankare-och-alias.md": [
        (8, "", "YAML-ankare (&namn) är inte tillåtna. Skriv ut värdet där det behövs.")],
    "aliasbomb.md": [
        (32, "", "YAML-ankare (&namn) är inte tillåtna. Skriv ut värdet där det behövs.")],
    "sammanslagning.md": [
        (14, "period.<<", "YAML-sammanslagning (<<) är inte tillåten. Skriv ut fälten.")],
    "yaml-taggar.md": [
        (2, "", "YAML-taggar (som !!str eller !namn) är inte tillåtna. Ta bort taggen och sätt värdet "
                "inom citattecken om det behövs.")],
    "dubbla-falt.md": [
        (7, "title", "fältet står två gånger (första gången på rad 2). Ta bort det ena.")],
    "djupt-nastlat-varde.md": [(13, "", "värdena är nästlade i mer än 10 nivåer.")],
    "nycklar-som-inte-ar-text.md": [(7, "", NOT_A_WORD), (8, "", NOT_A_WORD), (9, "", NOT_A_WORD),
                                    (10, "", NOT_A_WORD)],
    "datum-som-inte-finns.md": [
        (32, "added", "\"2018-02-30\" är inget riktigt datum. Kontrollera månad och dag.")],
    "styrtecken.md": [(38, "", "filen innehåller ett osynligt styrtecken (U+0007). Ta bort det.")],
    "osynligt-tecken-i-falt.md": [(24, "", "filen innehåller ett osynligt styrtecken (U+FEFF). Ta bort det.")],
    "radseparator.md": [
        (4, "", "filen innehåller ett osynligt radbrytningstecken (U+2028). Ersätt det med en vanlig "
                "radbrytning.")],
    "styrtecken-som-kod.md": [
        (2, "title", "innehåller ett osynligt styrtecken (U+0000), skrivet som \\-kod inom citattecken. "
                     "Ta bort det.")],
    "jattelangt-tal.md": [(33, "budget.amount", "är ett för stort tal (4400 siffror). Skriv ett belopp i hela "
                                                "kronor, högst 100 000 000 000 kr.")],
    "javascript-lank.md": [
        (42, "text", "länken \"javascript:alert(1)\" är inte en webbadress. Skriv en fullständig adress "
                     "som börjar med https://.")],
    "personnummer.md": [
        (38, "text", "innehåller ett personnummer. Personnummer får aldrig publiceras; ta bort det.")],
    "slut-som-block.md": [
        (15, "period.end", "ska stå på en enda rad, direkt efter kolonet (utan | eller > och utan radbrytning). "
                           "Skriv år, år-månad, datum eller ”pågående”, till exempel 2019-12 eller pågående.")],
    "datum-med-radbrytning.md": [
        (32, "added", "ska stå på en enda rad, direkt efter kolonet (utan | eller > och utan radbrytning). "
                      "Skriv ett datum som 2026-11-21.")],
    "rubrik-med-upphojt-tal.md": [],
    "oavslutat-kodblock.md": [
        (47, "text", "länken \"javascript:alert(1\" är inte en webbadress. Skriv en fullständig adress som "
                     "börjar med https://."),
        (50, "text", "en rubrik understruken med === eller --- är inte tillåten. Skriv avsnitten som ## Rubrik, "
                     "och lämna en tom rad före --- om du menar ett streck.")],
    "rubrik-med-riktningstecken.md": [
        (2, "title", "innehåller ett osynligt tecken som vänder skrivriktningen (U+202E). Ta bort det.")],
    "personnummer-med-tankstreck.md": [
        (46, "text", "innehåller ett personnummer. Personnummer får aldrig publiceras; ta bort det.")],
    "personnummer-i-webbadress.md": [
        (27, "sources[1].url", "innehåller ett personnummer. Personnummer får aldrig publiceras; ta bort det."),
        (38, "text", "innehåller ett personnummer. Personnummer får aldrig publiceras; ta bort det.")],
    "varde-med-vagnretur.md": [
        (6, "kind", '"insats\r" är inte ett tillåtet värde. Menade du insats?'),
        (16, "status", '"\u202eavslutad" är inte ett tillåtet värde. Menade du avslutad?')],
    "rubrik-i-lista-och-citat.md": [
        (40, "text", NESTED_HEADING), (42, "text", NESTED_HEADING),
        (44, "text", 'okänd avsnittsrubrik "## Så gjorde vi utan mellanslag". Menade du ## Så gjorde vi?')],
    "djupt-nastlad-lista.md": [
        (42, "text", "raden börjar med 1200 list- eller citattecken; högst 10 nivåer av listor och "
                     "citat är tillåtna.")],
}


def problems_of(path: Path, base: Path) -> list[tuple[int, str, str]]:
    result = validate_paths([path], base)
    shown = path.relative_to(base).as_posix()
    assert all(p.path == shown for p in result.problems), result.problems
    if not result.problems:
        assert [c.path for c in result.cases] == [shown]
    return [(p.line, p.field, p.message) for p in result.problems]


def test_every_corpus_file_is_listed_here_and_in_the_readme():
    files = sorted(p.name for p in NASTY.glob("*.md") if p.name != "README.md")
    assert files == sorted(CORPUS)
    readme = (NASTY / "README.md").read_text(encoding="utf-8")
    for name in files:
        assert f"`{name}`" in readme, name


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_file(name):
    path = NASTY / name
    assert problems_of(path, NASTY.parent.parent) == [
        (line, field, message) for line, field, message in CORPUS[name]]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_console_script_on_corpus_file(name):
    """The real command, in a plain C locale: the messages, exit status 1, no traceback."""
    env = dict(os.environ, LC_ALL="C", LANG="C")
    result = subprocess.run([str(CLI), "validate", f"tests/nasty/{name}"], cwd=NASTY.parent.parent,
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
    assert "Traceback" not in result.stderr + result.stdout
    if not CORPUS[name]:
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stderr.strip() == "1 exempel är giltigt."
        return
    assert result.returncode == 1, result.stdout + result.stderr
    # a value quoted in a message is shown with its control characters as codes (errors.visible)
    expected = [f"tests/nasty/{name}:{line}: {field + ': ' if field else ''}{visible(message)}"
                for line, field, message in CORPUS[name]]
    assert result.stdout.splitlines() == expected


def test_yes_no_and_impossible_dates_stay_text():
    source = load.read(NASTY / "ja-nej-och-datum-som-text.md")
    assert source.meta["areas"] == ["no", "on", "yes", "off", "2018-02-30"]
    assert source.meta["added"] == "2026-11-01"
    assert source.meta["period"] == {"start": "2019-09", "end": 2021}  # the validator reads 2021 as text


def test_bom_and_crlf_read_as_the_plain_file():
    plain = load.read(VALID)
    for name in ("med-bom.md", "crlf.md"):
        other = load.read(NASTY / name)
        assert (other.meta, other.body, other.lines) == (plain.meta, plain.body, plain.lines)


def test_alias_bomb_is_refused_before_anything_expands():
    data = (NASTY / "aliasbomb.md").read_bytes()
    source = load.parse(data, "examples/aliasbomb.md", "aliasbomb")
    assert source.meta is None  # nothing was built, let alone 9**5 copies


# --- made at run time ------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "examples").mkdir()
    return tmp_path


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / "examples" / name
    path.write_bytes(data)
    return path


def run_cli(folder: Path, name: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), "validate", f"examples/{name}"], cwd=folder, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def valid_text() -> str:
    return VALID.read_text(encoding="utf-8")


GENERATED = {
    # name: (bytes, [(line, field, message)])
    "fem-megabyte.md": (
        (valid_text().encode() + b"\n" + (b"Trygghet. " * 99 + b"\n") * 5100)[:5_000_000],
        [(1, "", "filen är 5000 kB; ett exempel får vara högst 200 kB. Korta texten eller länka "
                 "till en rapport.")]),
    "lang-rad.md": (
        valid_text().replace("Boende kände sig otrygga på gångvägarna.", "x" * 100_000).encode(),
        [(38, "", "raden har 100000 tecken; högst 5000 är tillåtet. Dela upp texten i stycken.")]),
    "utf-16-le.md": (valid_text().encode("utf-16"), [(1, "", UTF16)]),
    "utf-16-be.md": (b"\xfe\xff" + valid_text().encode("utf-16-be"), [(1, "", UTF16)]),
    "utf-16-utan-bom.md": (valid_text().encode("utf-16-le"), [(1, "", UTF16)]),
    "latin-1.md": (valid_text().encode("latin-1"), [(4, "", LATIN1)]),
    "windows-1252.md": (valid_text().replace("Ale kommun", "Ale kommun – Nödinge").encode("cp1252"),
                        [(4, "", LATIN1)]),
    "binar.md": (bytes(range(256)) * 40,
                 [(1, "", "filen innehåller binära data (nolltecken). Ett exempel ska vara en textfil i UTF-8.")]),
    "binar-utan-nolltecken.md": (bytes(range(128, 256)) * 40, [(1, "", LATIN1)]),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_file(folder, name):
    data, expected = GENERATED[name]
    path = write(folder, name, data)
    assert problems_of(path, folder) == expected
    result = run_cli(folder, name)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"examples/{name}:{line}: {field + ': ' if field else ''}{message}" for line, field, message in expected]


def test_a_huge_file_is_not_read_into_memory(folder):
    path = folder / "examples" / "enorm.md"
    with path.open("wb") as handle:  # 2 GB, sparse: nothing is written to disk
        handle.truncate(2_000_000_000)
    assert problems_of(path, folder) == [
        (1, "", "filen är 2000000 kB; ett exempel får vara högst 200 kB. Korta texten eller länka till "
                "en rapport.")]


@pytest.mark.parametrize("name, suggestion", [
    ("Trygghetsvandringar-Ale.md", "trygghetsvandringar-ale.md"),
    ("trygghetsvandringar-i-nödinge-älvängen.md", "trygghetsvandringar-i-nodinge-alvangen.md"),
    ("trygghetsvandringar i ale.md", "trygghetsvandringar-i-ale.md"),
    ("trygghetsvandringar.ale.md", "trygghetsvandringar-ale.md"),
])
def test_file_name_that_is_not_an_id(folder, name, suggestion):
    path = write(folder, name, VALID.read_bytes())
    assert problems_of(path, folder) == [
        (1, "", "filnamnet får bara innehålla små bokstäver a–z, siffror och bindestreck (inga å, ä, ö, "
                f"mellanslag eller punkter). Byt namn till {suggestion}.")]
    result = run_cli(folder, name)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert suggestion in result.stdout


def test_a_file_that_is_not_markdown(folder):
    path = write(folder, "trygghetsvandringar.txt", VALID.read_bytes())
    assert problems_of(path, folder) == [(1, "", "en exempelfil ska sluta på .md.")]


def test_a_link_out_of_examples_is_refused(folder):
    outside = folder / "hemlig.md"
    shutil.copy(VALID, outside)
    (folder / "examples" / "lank.md").symlink_to(outside)
    assert problems_of(folder / "examples" / "lank.md", folder) == [
        (1, "", "filen är en länk. Lägg själva filen i examples/.")]


def test_a_whole_folder_of_nasty_files_at_once(tmp_path):
    """All of the corpus in one examples/ folder: every file's problems, nothing else."""
    examples = tmp_path / "examples"
    examples.mkdir()
    for name in CORPUS:
        shutil.copy(NASTY / name, examples / name)
    result = subprocess.run([str(CLI), "validate"], cwd=tmp_path, capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    printed = result.stdout.splitlines()
    for name, expected in CORPUS.items():
        for line, field, message in expected:
            assert f"examples/{name}:{line}: {field + ': ' if field else ''}{visible(message)}" in printed
    # the files share a title: the only other problem, found by looking at them together
    others = [line for line in printed if not any(line.startswith(f"examples/{n}:") and
              line.split(":", 2)[2].strip() in {f"{f + ': ' if f else ''}{visible(m)}" for _, f, m in CORPUS[n]}
              for n in CORPUS)]
    assert others and all("samma rubrik som" in line for line in others)


def test_thousands_of_wrong_values_give_a_bounded_list_quickly(folder):
    """Each wrong municipality gets a hint (the closest name), which takes a few milliseconds:
    11,000 of them once took 40 seconds. The first hundred are shown, and it says so."""
    text = valid_text().replace("  - Ale\n", "".join(f"  - Kommun{i}\n" for i in range(11_000)))
    path = write(folder, "manga-kommuner.md", text.encode())
    started = time.monotonic()
    problems = problems_of(path, folder)
    assert time.monotonic() - started < 20
    assert len(problems) == 101
    assert problems[0] == (1, "", "fälten har fler än 100 fel; bara de första 100 visas. Rätta dem och "
                                  "kontrollera igen.")
    assert problems[1] == (12, "municipalities[1]", "\"Kommun0\" är inte en svensk kommun. Skriv kommunens "
                                                    "namn, till exempel Jönköping eller Göteborg.")


def test_every_derived_value_of_a_title_with_digits_int_cannot_read():
    from goda_exempel.sorting import swedish_sorted

    titles = ["Trygghet på 100 m² i Ale", "Torg ① i Ale", "Trygghet på 100 m2 i Ale", "٣ kvarter"]
    assert sorted(swedish_sorted(titles)) == sorted(titles)  # once a ValueError from int("²")


# --- the file system -------------------------------------------------------------------------------


def test_a_named_pipe_in_examples_is_reported_not_waited_for(folder):
    os.mkfifo(folder / "examples" / "ror.md")
    write(folder, "ale.md", VALID.read_bytes())
    result = subprocess.run([str(CLI), "validate"], cwd=folder, capture_output=True, text=True,
                            encoding="utf-8", timeout=60)  # a hang fails here
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "examples/ror.md:1: är inte en vanlig fil (utan till exempel en namngiven rörledning eller en enhet). "
        "Lägg en textfil här."]


def test_examples_as_a_link_to_a_folder_outside_the_repository_is_refused(tmp_path):
    outside = tmp_path / "utanfor"
    outside.mkdir()
    shutil.copy(VALID, outside / "ale.md")
    project = tmp_path / "projekt"
    project.mkdir()
    (project / "examples").symlink_to(outside)
    result = validate_paths([project / "examples"], project)
    assert result.cases == [] and [(p.path, p.line, p.message) for p in result.problems] == [
        ("examples", 1, "mappen är en länk till en mapp utanför förrådet. Lägg exemplen i själva mappen.")]


def test_a_file_name_with_a_line_break_is_one_line_of_output(folder):
    write(folder, "ale\n.md", VALID.read_bytes())
    result = subprocess.run([str(CLI), "validate"], cwd=folder, capture_output=True, text=True,
                            encoding="utf-8", timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "examples/ale\\n.md:1: filnamnet får bara innehålla små bokstäver a–z, siffror och bindestreck (inga å, ä, "
        "ö, mellanslag eller punkter). Byt namn till ale.md."]


def test_an_empty_examples_folder_gives_one_swedish_message(tmp_path):
    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import ROOT, mkdocs_build

    for part in ("mkdocs.yml", "docs", "overrides", "hooks"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, tmp_path / part)
    (tmp_path / "examples").mkdir()
    result = mkdocs_build(tmp_path / "site", config=tmp_path / "mkdocs.yml", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("examples/ innehåller inga exempel – sajten byggdes inte. Lägg till minst ett exempel "
            "(goda-exempel new) och bygg igen.") in result.stderr
    assert "pagefind" not in result.stderr.lower()


def test_a_folder_inside_examples_is_named_not_skipped(folder):
    """A case put in a subfolder (or a folder named like a case file) would never be published:
    validation, and so the build, names the folder."""
    (folder / "examples" / "mapp.md").mkdir()
    (folder / "examples" / "undermapp").mkdir()
    shutil.copy(VALID, folder / "examples" / "undermapp" / "giltigt.md")
    (folder / "examples" / ".dold").mkdir()
    shutil.copy(VALID, folder / "examples" / "giltigt.md")
    message = ("är en mapp. Exempel läses bara från filer som ligger direkt i examples/; flytta filerna dit och "
               "ta bort mappen.")
    result = subprocess.run([str(CLI), "validate"], cwd=folder, capture_output=True, text=True, encoding="utf-8",
                            timeout=60)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"examples/mapp.md:1: {message}", f"examples/undermapp:1: {message}"]
