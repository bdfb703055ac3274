"""The site's form "Dela ditt exempel", generated from the case schema at build time.

Every label is a field's ``title``, every help text its ``description``; required fields,
``minLength``, ``maxLength``, ``pattern`` and ``minimum`` become the browser's own
constraint attributes, vocabularies become selects and checkboxes, and the municipalities a
type-ahead list. Optional fields are folded (``<details>``) until wanted. The file's id and
its two dates are not asked: the id is made from the title (``scaffold.suggest_id``, in
``dela.js`` too) and the dates are the day the file is written. ``dela.js`` adds what HTML
cannot say (repeatable groups, the draft, the preview, the three ways to send) and reads
everything else from the markup and from ``page_data()``.

The case leaves the page in one of three ways, all made from the same answers: an e-mail to
the editors and a prefilled GitHub issue carry the issue form's answers (``### Label`` and
the answer, as GitHub writes an issue), which ``goda-exempel from-issue`` turns into the
file; GitHub's new-file page gets the file itself.
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import escape
from typing import Any

from . import fields as case_fields
from . import from_issue, ids, issue_form, load, personnummer, rules, schema, scaffold, serialize
from .fields import Field
from .repo import BRANCH, Repo
from .sorting import swedish_key

MARKER = "<!-- goda-exempel:formular -->"
DRAFT_KEY = "goda-exempel:utkast:v1"
MAX_URL = 8000  # longer addresses are cut off by browsers and servers: copy or download instead
# A mailto: link longer than this is copied instead: Windows hands a mailto: address to the mail
# program through a 2,048-character limit (longer ones are cut or refused, Outlook included),
# and some webmail handlers stop near 2,000. 1,800 leaves room for the address and subject.
MAX_MAILTO = 1800
ID_MAX = scaffold.MAX_ID
MAIL_SETTING = "redaktion_epost"  # extra: redaktion_epost: … in mkdocs.yml
# validate's message for a personnummer in any field or text (the tests hold the two equal);
# dela.js finds them by validate's own rule (personnummer.for_browser).
PERSONNUMMER = "innehåller ett personnummer. Personnummer får aldrig publiceras; ta bort det."


def _a(**attrs: Any) -> str:
    """HTML attributes; ``True`` writes the bare name, ``None``/``False`` leaves it out."""
    out = []
    for name, value in attrs.items():
        name = name.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(out)


_CLASS_SYNTAX = set("()[]{}/|")


def html_pattern(pattern: str) -> str:
    """A schema pattern as a ``pattern`` attribute: browsers compile it with the ``v`` flag, in
    which ``/``, ``(``, ``)``, ``{``, ``}``, ``|`` and a leading or trailing ``-`` must be escaped
    inside a character class."""
    out = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i: i + 2])
            i += 2
            continue
        if not in_class and ch == "[":
            in_class = True
            out.append(ch)
            if pattern[i + 1: i + 2] == "^":
                out.append("^")
                i += 1
            start = len(out)
            i += 1
            continue
        if in_class and ch == "]":
            in_class = False
            out.append(ch)
            i += 1
            continue
        if in_class and (ch in _CLASS_SYNTAX or (ch == "-" and (len(out) == start or pattern[i + 1: i + 2] == "]"))):
            out.append("\\" + ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _datalist_id(vocabulary: str) -> str:
    return f"ge-lista-{vocabulary}"


def _all_fields(tree: tuple[Field, ...] | None = None) -> list[Field]:
    out = []
    for f in case_fields.fields() if tree is None else tree:
        out.append(f)
        out.extend(_all_fields(f.children))
    return out


def swedish_sorted_terms(vocabulary: str) -> list[schema.Term]:
    return sorted(schema.vocabulary(vocabulary).terms, key=lambda t: swedish_key(t.label))


def _choices_pattern(names: list[str]) -> str:
    # only syntax characters may be escaped in the v flag's patterns (not "-")
    return "(?:" + "|".join(re.sub(r"([\\^$.|?*+()\[\]{}/])", r"\\\1", n) for n in names) + ")"


def _dom_id(parts: tuple[str, ...]) -> str:
    return "ge-" + "-".join(parts)


_REQ = '<span class="ge-req">(obligatoriskt)</span>'


def _req(required: bool, conditional: bool = False) -> str:
    if required:
        return " " + _REQ
    if conditional:
        return ' <span class="ge-req" data-ge-req hidden>(obligatoriskt)</span>'
    return ""


def _help(dom_id: str, text: str) -> str:
    return f'<p class="ge-help" id="{dom_id}-hjalp">{escape(text)}</p>' if text else ""


def _error(dom_id: str) -> str:
    return f'<p class="ge-error" id="{dom_id}-fel" data-ge-error hidden></p>'


def _described(dom_id: str, has_help: bool) -> str:
    return (f"{dom_id}-hjalp " if has_help else "") + f"{dom_id}-fel"


def _text_attrs(spec: dict[str, Any], required: bool, soft: bool) -> dict[str, Any]:
    """Constraint attributes from a schema node. ``soft``: required only once its group is used."""
    attrs: dict[str, Any] = {
        "required": required and not soft,
        "data_ge_required": required and soft,
        "minlength": spec.get("minLength"),
        "maxlength": spec.get("maxLength"),
    }
    if "pattern" in spec:
        attrs["pattern"] = html_pattern(spec["pattern"])
    if spec.get("x-hint"):
        attrs["data_ge_hint"] = spec["x-hint"]
    return attrs


def _control(f: Field, dom_id: str, required: bool, soft: bool, described: str) -> str:
    spec = f.text_spec
    common = dict(id=dom_id, data_ge_control=True, aria_describedby=described)
    if f.kind == "choice":
        vocab = f.vocabulary
        assert vocab is not None
        options = '<option value="">Välj …</option>' + "".join(
            f"<option{_a(value=t.id, data_description=t.description)}>{escape(t.label)}</option>" for t in vocab.terms)
        return (f"<select{_a(**common, required=required and not soft, data_ge_required=required and soft)}>"
                f"{options}</select>"
                f'<p class="ge-choice-help" data-ge-choice-help></p>')
    if f.kind == "integer":
        return f"<input{_a(**common, type='number', inputmode='numeric', step=1, min=spec.get('minimum'), required=required and not soft, data_ge_required=required and soft)}>"
    attrs = _text_attrs(spec, required, soft)
    if f.long:
        return f"<textarea{_a(**common, rows=4, **attrs)}></textarea>"
    return f"<input{_a(**common, type='text', autocomplete='off', **attrs)}>"


def _scalar(f: Field, dom_id: str, required: bool, soft: bool) -> str:
    described = _described(dom_id, bool(f.description))
    return (f'<div class="ge-field"{_a(data_ge_node=True, data_ge_key=f.key, data_ge_kind=f.kind)}>'
            f'<label for="{dom_id}">{escape(f.title)}{_req(required and not soft, required and soft)}</label>'
            f"{_help(dom_id, f.description)}"
            f"{_control(f, dom_id, required, soft, described)}{_error(dom_id)}</div>")


def _choices(f: Field, dom_id: str, required: bool) -> str:
    vocab = f.vocabulary
    assert vocab is not None
    boxes = []
    for t in vocab.terms:
        box_id = f"{dom_id}-{t.id}"
        boxes.append(f'<div class="ge-check"><input{_a(type="checkbox", id=box_id, value=t.id, data_ge_control=True, aria_describedby=f"{dom_id}-fel")}>'
                     f'<label for="{box_id}">{escape(t.label)}'
                     f'<span class="ge-check__desc">{escape(t.description)}</span></label></div>')
    return (f'<fieldset class="ge-field ge-field--choices"'
            f'{_a(data_ge_node=True, data_ge_key=f.key, data_ge_kind="choices", data_ge_min=f.min_items if required else 0, aria_describedby=f"{dom_id}-hjalp" if f.description else None)}>'
            f"<legend>{escape(f.title)}{_req(required and f.min_items > 0)}</legend>"
            f"{_help(dom_id, f.description)}"
            f'<div class="ge-checks">{"".join(boxes)}</div>{_error(dom_id)}</fieldset>')


ITEM = "__N__"  # replaced in each copy of a list item by a number unique on the page


def _remove_button(what: str) -> str:
    return (f'<button type="button" class="ge-remove" data-ge-remove>Ta bort'
            f'<span class="ge-visually-hidden"> {escape(what)} <span data-ge-pos>1</span></span></button>')


def _list(f: Field, dom_id: str, required: bool, conditional: bool) -> str:
    """A list whose items are added and removed: strings (with suggestions) or groups of fields."""
    item_id = f"{dom_id}-{ITEM}"
    min_items = f.min_items if required else 0
    if f.kind == "objects":
        inner = "".join(_node(c, (*f.path, ITEM, c.key), True) for c in f.children)
        item = (f'<fieldset class="ge-item" data-ge-item><legend>{escape(f.title)} <span data-ge-pos>1</span></legend>'
                f'{inner}{_remove_button(f.title.lower())}</fieldset>')
    else:
        spec = f.text_spec
        vocab = f.vocabulary
        noun = vocab.label if vocab else f.title
        attrs = _text_attrs(spec, False, False)
        if vocab is not None:
            attrs.update(pattern=_choices_pattern(vocab.ids), list=_datalist_id(vocab.name),
                         data_ge_message=f"Välj en {vocab.label.lower()} ur listan: skriv början av "
                                         "namnet och välj bland förslagen.")
        control = f"<input{_a(id=item_id, type='text', autocomplete='off', data_ge_control=True, aria_describedby=f'{item_id}-fel', **attrs)}>"
        item = (f'<div class="ge-item ge-item--single" data-ge-item>'
                f'<label for="{item_id}">{escape(noun)} <span data-ge-pos>1</span></label>'
                f'<div class="ge-item__row">{control}{_remove_button(noun.lower())}</div>{_error(item_id)}</div>')
    described = f"{dom_id}-hjalp" if f.description else None
    cond_text = case_fields.condition_text(f.key) if conditional else None
    help_text = " ".join(t for t in (f.description, cond_text) if t)
    return (f'<fieldset class="ge-field ge-field--list"'
            f'{_a(data_ge_node=True, data_ge_key=f.key, data_ge_kind=f.kind, data_ge_min=min_items, data_ge_unique=f.unique or None, aria_describedby=described)}>'
            f"<legend>{escape(f.title)}{_req(required and f.min_items > 0, conditional)}</legend>"
            f"{_help(dom_id, help_text)}"
            f'<div class="ge-items" data-ge-items></div>'
            f"<template data-ge-template>{item}</template>"
            f'<button type="button" class="ge-add" data-ge-add>Lägg till: {escape(f.title)}</button>'
            f"{_error(dom_id)}</fieldset>")


def _group(f: Field, path: tuple[str, ...], required: bool) -> str:
    dom_id = _dom_id(path)
    optional = not required
    inner = "".join(_node(c, (*path, c.key), required, soft=optional) for c in f.children)
    return (f'<fieldset class="ge-field ge-field--group"'
            f'{_a(data_ge_node=True, data_ge_key=f.key, data_ge_kind="group", data_ge_optional=optional, aria_describedby=f"{dom_id}-hjalp" if f.description else None)}>'
            f"<legend>{escape(f.title)}{_req(required)}</legend>{_help(dom_id, f.description)}{inner}</fieldset>")


def _node(f: Field, path: tuple[str, ...], parent_required: bool, soft: bool = False) -> str:
    dom_id = _dom_id(path)
    required = f.required and (parent_required or soft)
    conditional = any(f.key in c.then for c in case_fields.conditions()) and len(path) == 1
    if f.kind == "group":
        return _group(f, path, required and not soft)
    if f.kind == "choices":
        return _choices(f, dom_id, required)
    if f.kind in ("strings", "objects"):
        if any(c.kind in ("strings", "objects") for c in f.children):
            raise NotImplementedError("lists inside list items are not supported by the form")
        return _list(f, dom_id, required, conditional)
    return _scalar(f, dom_id, f.required, soft)


def _sections() -> str:
    parts = []
    for s in schema.section_headings():
        dom_id = f"ge-text-{s.id}"
        html = (f'<div class="ge-field"{_a(data_ge_section=s.id)}>'
                f'<label for="{dom_id}">{escape(s.label)}{_req(s.required)}</label>'
                f"{_help(dom_id, s.description)}"
                f"<textarea{_a(id=dom_id, rows=8, required=s.required, data_ge_control=True, aria_describedby=_described(dom_id, True))}></textarea>"
                f"{_error(dom_id)}</div>")
        parts.append(html if s.required else _fold(s.label, html, f"text-{s.id}"))
    return ('<fieldset class="ge-field ge-field--group ge-field--text" aria-describedby="ge-text-hjalp">'
            "<legend>Texten</legend>"
            '<p class="ge-help" id="ge-text-hjalp">Berätta med egna ord under varje rubrik. Skriv stycken '
            "med en tom rad emellan. Markdown går bra: <code>**fetstil**</code>, listor med "
            "<code>- </code> och länkar som <code>[text](https://…)</code>.</p>"
            f'{"".join(parts)}</fieldset>')


def _consent() -> str:
    return ('<div class="ge-field ge-consent">'
            f"<input{_a(type='checkbox', id='ge-samtycke', required=True, data_ge_consent=True, data_ge_control=True, aria_describedby='ge-samtycke-fel')}>"
            f'<label for="ge-samtycke">{escape(issue_form.CONSENT)}{_req(True)}</label>'
            f"{_error('ge-samtycke')}</div>")


def _conditional(key: str) -> bool:
    return any(key in c.then for c in case_fields.conditions())


def _fold(title: str, inner: str, key: str) -> str:
    """An optional part, folded until the contributor opens it (``dela.js`` opens it when it
    holds a value or an error)."""
    return (f'<details class="ge-more"{_a(data_ge_more=key)}><summary>{escape(title)} '
            '<span class="ge-req">(frivilligt)</span></summary>'
            f'<div class="ge-more__body">{inner}</div></details>')


def _fields_html() -> str:
    out = []
    for f in case_fields.fields():
        if f.key in issue_form.AUTOMATIC:
            continue
        html = _node(f, (f.key,), True)
        out.append(html if f.required or _conditional(f.key) else _fold(f.title, html, f.key))
    return "".join(out)


@cache
def form_html() -> str:
    """The form itself: a pure function of the schema and the vocabularies."""
    names = sorted({f.vocabulary.name for f in _all_fields() if f.kind == "strings" and f.vocabulary})
    datalists = "".join(
        f'<datalist id="{_datalist_id(name)}">'
        + "".join(f'<option value="{escape(t.id)}"></option>' for t in swedish_sorted_terms(name))
        + "</datalist>" for name in names)
    return (
        '<form id="ge-dela-form" class="ge-form" novalidate autocomplete="off">'
        '<div class="ge-form__summary" data-ge-summary tabindex="-1" hidden></div>'
        '<p class="ge-form__draft" data-ge-draft-status aria-live="polite"></p>'
        f"{_fields_html()}{_sections()}{_consent()}"
        '<div class="ge-form__actions">'
        f'<button type="submit" class="md-button md-button--primary">{SUBMIT}</button>'
        '<button type="button" class="md-button" data-ge-clear>Töm formuläret</button>'
        "</div></form>"
        f"{datalists}"
    )


SUBMIT = "Kontrollera och skicka"


def issue_url(repo: Repo) -> str:
    """GitHub's page for a new issue with the form "Dela ditt exempel"."""
    return f"{repo.url.rstrip('/')}/issues/new?template={issue_form.TEMPLATE_PATH.rsplit('/', 1)[1]}"


def _mail_html(mail: str | None) -> str:
    if not mail:
        return ""
    return (
        '<section class="ge-way" data-ge-way="mail" aria-labelledby="ge-way-mail">'
        '<h3 id="ge-way-mail">Med e-post – inget konto behövs</h3>'
        "<p>Exemplet skickas som ett vanligt e-brev till redaktionen "
        f'(<span data-ge-mail-address>{escape(mail)}</span>). En redaktör gör om det till en sida i '
        "kunskapsbanken, med dig som författare, och svarar dig om något behöver ändras.</p>"
        '<div data-ge-mail-short hidden>'
        "<p>Ditt e-postprogram öppnas med brevet färdigt. Du trycker bara på Skicka.</p>"
        '<p><a class="md-button md-button--primary" data-ge-mail-link>Öppna e-brevet</a></p>'
        "</div>"
        '<div data-ge-mail-long hidden>'
        "<p>Exemplet är för långt för att öppnas direkt i ett e-postprogram. Gör så här:</p>"
        "<ol><li>Kopiera texten med knappen."
        '<div class="ge-result__buttons"><button type="button" class="md-button md-button--primary" data-ge-mail-copy>'
        "Kopiera texten</button></div>"
        '<p class="ge-result__status" data-ge-mail-status aria-live="polite"></p></li>'
        '<li>Skriv ett nytt e-brev till <a data-ge-mail-to></a> '
        "(länken öppnar ett brev med adressen och ämnet ifyllda).</li>"
        "<li>Klistra in texten i brevet och skicka det.</li></ol>"
        "</div>"
        '<details class="ge-result__show" data-ge-mail-show><summary>Visa texten i brevet</summary>'
        '<label for="ge-mail-text">Brevets text (markera och kopiera den om knappen inte fungerar)</label>'
        '<textarea id="ge-mail-text" class="ge-result__text" rows="10" readonly data-ge-mail-text></textarea>'
        "</details></section>"
    )


def _issue_html() -> str:
    return (
        '<section class="ge-way" data-ge-way="issue" aria-labelledby="ge-way-issue">'
        '<h3 id="ge-way-issue">Som ärende på GitHub – med ett gratis konto</h3>'
        "<p>GitHub öppnas i en ny flik med formuläret ”Dela ditt exempel”, där det du har skrivit redan är ifyllt. "
        "Sidan är på engelska; det tar <span data-ge-issue-steps>fyra</span> steg:</p>"
        "<ol data-ge-issue-list><li>Logga in på GitHub (<strong>Sign in</strong>), eller skapa ett konto "
        "(<strong>Sign up</strong>, gratis). Kommer du inte tillbaka till formuläret efter "
        "inloggningen, klicka på knappen här igen.</li>"
        '<li data-ge-issue-picks hidden>GitHub kan inte fylla i listorna åt dig. Välj samma som här:'
        '<ul data-ge-issue-pick-list></ul></li>'
        '<li data-ge-issue-copies hidden>Exemplet är för långt för att allt ska följa med. Kopiera '
        "de här svaren och klistra in dem under samma rubrik på GitHub:"
        '<ul data-ge-issue-copy-list></ul><p class="ge-result__status" data-ge-issue-status aria-live="polite"></p></li>'
        "<li>Kryssa i rutan under <strong>Licens</strong>.</li>"
        "<li>Klicka på <strong>Create</strong> (eller <strong>Submit new issue</strong>): det "
        "skickar ärendet. En redaktör gör om det till en sida med dig som författare och svarar i ärendet.</li></ol>"
        '<p><a class="md-button md-button--primary" data-ge-issue-link target="_blank" '
        'rel="noopener noreferrer">Öppna ärendet på GitHub</a></p></section>'
    )


def _file_html() -> str:
    return (
        '<section class="ge-way" data-ge-way="file" aria-labelledby="ge-way-file">'
        '<h3 id="ge-way-file">Som fil på GitHub – ett ändringsförslag (pull request)</h3>'
        "<p>För dig som vill föreslå filen själv. GitHub öppnas med filen "
        "<code data-ge-result-path></code> ifylld. Sidorna är på engelska; det tar fyra steg:</p>"
        "<ol><li>Logga in på GitHub, eller skapa ett gratis konto.</li>"
        "<li>Klicka på <strong>Commit changes…</strong> (”spara ändringen”). En ruta öppnas.</li>"
        "<li>Klicka på <strong>Propose changes</strong> (”föreslå ändringen”). Har du inte "
        "skrivrätt gör GitHub först en egen kopia (fork) av arkivet åt dig.</li>"
        "<li>Klicka på <strong>Create pull request</strong> (”skicka förslaget”), och en gång "
        "till på nästa sida. En redaktör granskar förslaget och svarar i ändringsförslaget (pull requesten).</li></ol>"
        '<div data-ge-result-short hidden>'
        '<p><a class="md-button" data-ge-result-link target="_blank" rel="noopener noreferrer">Öppna filen på GitHub</a></p>'
        "</div>"
        '<div data-ge-result-long hidden>'
        "<p>Exemplet är för långt för att skickas med en länk. Kopiera texten eller ladda ner filen:</p>"
        '<div class="ge-result__buttons">'
        '<button type="button" class="md-button" data-ge-copy>Kopiera texten</button>'
        '<a class="md-button" data-ge-download>Ladda ner filen</a></div>'
        '<p class="ge-result__status" data-ge-copy-status aria-live="polite"></p>'
        '<p>Öppna sedan <a data-ge-result-new target="_blank" rel="noopener noreferrer">GitHubs sida för en ny fil</a> '
        "och klistra in texten (filnamnet är redan ifyllt), eller dra in filen på "
        '<a data-ge-result-upload target="_blank" rel="noopener noreferrer">uppladdningssidan</a>. '
        "Fortsätt med steg 2 ovan.</p>"
        '<label for="ge-result-text">Filens text</label>'
        '<textarea id="ge-result-text" class="ge-result__text" rows="10" readonly data-ge-result-text></textarea>'
        "</div></section>"
    )


def _result_html(mail: str | None) -> str:
    return (
        '<section class="ge-result" data-ge-result tabindex="-1" hidden aria-labelledby="ge-result-rubrik">'
        '<h2 id="ge-result-rubrik">Skicka exemplet</h2>'
        "<p>Exemplet är klart. Välj ett av sätten nedan"
        + ("; med e-post behövs inget konto" if mail else "")
        + ". Ditt utkast finns kvar i den här webbläsaren tills du tömmer formuläret, så du kan "
        "ändra och skicka igen.</p>"
        f"{_mail_html(mail)}{_issue_html()}{_file_html()}"
        "</section>"
    )


def _preview_html() -> str:
    return ('<section class="ge-preview" aria-labelledby="ge-preview-rubrik">'
            '<h2 id="ge-preview-rubrik">Förhandsvisning</h2>'
            '<p class="ge-help">Så här ungefär ser exemplet ut på webbplatsen. Den uppdateras medan du skriver.</p>'
            '<div class="ge-preview__page" data-ge-preview></div>'
            '<details class="ge-preview__file"><summary>Visa filen som skapas</summary>'
            '<pre data-ge-file></pre></details></section>')


def _json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- what dela.js needs -----------------------------------------------------------------------


def _verbose_to_plain(pattern: str) -> str:
    """A ``re.X`` pattern without its insignificant whitespace (it has no comments)."""
    out = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i: i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif not in_class and ch.isspace():
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


@cache
def yaml_rules() -> dict[str, Any]:
    """The writer's settings as ``serialize.dump_case`` uses them: which plain scalars PyYAML's
    dumper would read as something other than text (its implicit resolvers, by first letter)."""
    patterns: list[str] = []
    by_first: dict[str, list[int]] = {}
    for first, rules in serialize._Dumper.yaml_implicit_resolvers.items():  # noqa: SLF001
        for _tag, regexp in rules:
            source = _verbose_to_plain(regexp.pattern) if regexp.flags & re.X else regexp.pattern
            if source not in patterns:
                patterns.append(source)
            by_first.setdefault("" if first is None else first, []).append(patterns.index(source))
    return {"width": 100, "indent": 2, "patterns": patterns, "resolvers": by_first}


@cache
def python_whitespace() -> str:
    """What Python's ``str.strip()`` removes."""
    return "".join(filter(str.isspace, map(chr, range(0x110000))))


@cache
def slug_rules() -> dict[str, Any]:
    """``load.slugify`` character by character, for the characters it does not drop. Letters
    whose lower case is (or transliterates to) a-z are all below U+3000: Latin, the Kelvin and
    Ångström signs, dotted İ; the tests compare both on random text."""
    table = {}
    for code in range(0x80, 0x3000):
        ch = chr(code)
        middle = load.slugify(f"x{ch}x")[1:-1]
        if middle != "-":
            table[ch] = middle
    return {"table": table, "fallback": load.slugify(""), "max": ID_MAX, "reserved": sorted(ids.RESERVED)}


def issue_data(repo: Repo) -> dict[str, Any]:
    """The issue form's questions, as ``dela.js`` needs them to write the answers: the e-mail
    text and the prefilled issue are both made from these (``answers`` in dela.js). Which
    questions GitHub can prefill follows from the generated template: text boxes and text
    areas, not drop-down lists (a drop-down in the address makes GitHub show an empty form)."""
    kinds = {item["id"]: item["type"] for item in issue_form.template()["body"] if "id" in item}
    elements = []
    for e in issue_form.elements():
        f = e.field
        elements.append({
            "name": e.name,
            "id": issue_form.question_id(e.name),
            "label": e.label,
            "prefill": kinds.get(issue_form.question_id(e.name)) in ("input", "textarea"),
            "section": e.section.id if e.section else None,
            "path": list(f.path) if f else None,
            "kind": f.kind if f else "text",
            "vocabulary": f.vocabulary.name if f and f.vocabulary else None,
            "children": [{"key": c.key, "vocabulary": c.vocabulary.name if c.vocabulary else None}
                         for c in f.children] if f else [],
        })
    return {
        "url": f"{repo.url.rstrip('/')}/issues/new",
        "template": issue_form.TEMPLATE_PATH.rsplit("/", 1)[1],
        "elements": elements,
        "separator": issue_form.SEPARATOR,
        "consentId": issue_form.CONSENT_ID,
        "consentLabel": from_issue.CONSENT_LABEL,
        "consent": issue_form.CONSENT,
        "titlePrefix": issue_form.template()["title"],
    }


def page_data(repo: Repo, existing_ids: list[str], mail: str | None = None) -> dict[str, Any]:
    vocabs = {name: {t.id: t.label for t in v.terms} for name, v in schema.vocabularies().items()
              if name != "municipalities"}
    return {
        "repoUrl": repo.url.rstrip("/"),
        "branch": BRANCH,
        "maxUrl": MAX_URL,
        "draftKey": DRAFT_KEY,
        "schema": schema.resolved_schema(),
        "vocabularies": vocabs,
        "sections": [{"id": s.id, "label": s.label, "required": s.required} for s in schema.section_headings()],
        "conditions": [{"when": {k: list(v) for k, v in c.when.items()}, "then": list(c.then), "min": c.min_items}
                       for c in case_fields.conditions()],
        "yaml": yaml_rules(),
        "space": python_whitespace(),
        "slug": slug_rules(),
        "ids": sorted(existing_ids),
        "automatic": list(issue_form.AUTOMATIC),
        "rules": rules.as_json(),
        "personnummer": {"rule": personnummer.for_browser(), "message": PERSONNUMMER},
        "issue": issue_data(repo),
        "mail": {"to": mail or "", "max": MAX_MAILTO},
    }


_MAIL = re.compile(r"^[^@\s<>\"'?&]+@[^@\s<>\"'?&]+\.[^@\s<>\"'?&]+$")


def mail_address(value: Any) -> str | None:
    """The editors' address from ``extra: redaktion_epost`` in mkdocs.yml, or None if unset."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _MAIL.match(value.strip()):
        raise ValueError(f"extra.{MAIL_SETTING} i mkdocs.yml ska vara en e-postadress som "
                         f"redaktion@example.org, inte {value!r}.")
    return value.strip()


def page_html(repo: Repo, script_url: str, existing_ids: list[str], mail: str | None = None) -> str:
    """Everything the page needs in place of the marker. ``mail``: the editors' address
    (``extra: redaktion_epost`` in mkdocs.yml); without it the page offers no e-mail."""
    return (
        '<div class="ge-dela" data-ge-dela>'
        "<noscript><p class=\"ge-dela__noscript\">Formuläret behöver JavaScript. Du kan i stället "
        f'<a href="{escape(issue_url(repo))}">dela ditt exempel '
        "som ett ärende på GitHub</a>"
        + (f' eller skicka det med e-post till <a href="mailto:{escape(mail)}">{escape(mail)}</a>' if mail else "")
        + ".</p></noscript>"
        f"{form_html()}{_result_html(mail)}{_preview_html()}"
        f'<script type="application/json" id="ge-dela-data">{_json(page_data(repo, existing_ids, mail))}</script>'
        f'<script src="{escape(script_url)}"></script>'
        "</div>"
    )


def links(repo: Repo) -> dict[str, str]:
    """Addresses that pages in docs/ can link to as ``[text](goda-exempel:NAME)``; they all
    follow from ``repo_url``."""
    base = repo.url.rstrip("/")
    return {
        "goda-exempel:arende": issue_url(repo),
        "goda-exempel:arkiv": base,
        "goda-exempel:contributing": f"{base}/blob/{BRANCH}/CONTRIBUTING.md",
        "goda-exempel:pull-requests": f"{base}/pulls",
    }
