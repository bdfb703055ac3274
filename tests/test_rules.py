"""The cross-field rules of rules.yaml: each fires on its own bad example and not on its good
one, through ``rules.check`` and through ``goda-exempel validate`` on a real file; the file's
format is checked; and the JSON for the web form carries every rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from goda_exempel import fields, rules, schema
from goda_exempel.validate import subschema, validate_dir

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "valid-case.md").read_text(encoding="utf-8")
ALL = rules.rules()


def test_there_are_rules_of_every_kind():
    assert {r.kind for r in ALL} == set(rules.KINDS)


@pytest.mark.parametrize("rule", ALL, ids=[r.id for r in ALL])
def test_a_rule_fires_on_its_bad_example_and_not_on_its_good_one(rule):
    assert set(rule.examples) == {"bad", "good"}, f"{rule.id}: give examples: {{bad: …, good: …}}"
    bad = rules.check(rule.examples["bad"])
    mine = [message for path, message in bad if path == rule.field]
    assert mine == [rule.text(rule.examples["bad"])]
    assert "{" not in mine[0]  # every placeholder filled
    assert [p for p, _ in rules.check(rule.examples["good"]) if p == rule.field] == []


def _merged(base: dict, extra: dict) -> dict:
    """``base`` with ``extra`` laid over it; a null in ``extra`` removes the field."""
    out = dict(base)
    for key, value in extra.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = _merged(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out


def _case_file(tmp_path: Path, meta: dict) -> list:
    front, body = GOOD.split("---\n")[1:3]
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body
    examples = tmp_path / "examples"
    examples.mkdir(exist_ok=True)
    (examples / "ale-vandringar.md").write_text(text, encoding="utf-8")
    return validate_dir(examples, tmp_path).problems


@pytest.mark.parametrize("rule", ALL, ids=[r.id for r in ALL])
def test_validate_reports_a_rule_at_its_field_with_its_message(tmp_path, rule):
    base = yaml.safe_load(GOOD.split("---\n")[1])
    base = json.loads(json.dumps(base, default=str))  # dates as text, as in the file
    assert _case_file(tmp_path, _merged(base, rule.examples["good"])) == []
    problems = _case_file(tmp_path, _merged(base, rule.examples["bad"]))
    name = ".".join(rule.field)
    assert [(p.field, p.message) for p in problems] == [(name, rule.text(_merged(base, rule.examples["bad"])))]
    assert problems[0].line > 1  # the field's line, or for a missing field the line of the one it depends on


@pytest.mark.parametrize("rule", ALL, ids=[r.id for r in ALL])
def test_a_rule_names_real_fields_and_allowed_values(rule):
    assert subschema(rule.field) is not None, rule.field
    if rule.kind == "not-before":
        assert subschema(rule.other) is not None and subschema(rule.other).get("format") in ("date", "partial-date")
    else:
        spec = subschema(rule.when_field)
        assert spec is not None, rule.when_field
        allowed = spec.get("enum") or (spec.get("items") or {}).get("enum")
        assert allowed and set(rule.when_in) <= set(allowed), rule.when_in


def test_nothing_fires_while_a_field_is_missing_or_of_the_wrong_type():
    assert rules.check({}) == []
    assert rules.check({"period": {"start": 2019, "end": "2018"}, "status": ["avslutad"], "scope": 5,
                        "added": None, "last_reviewed": "2020", "evaluation": "ingen"}) == []


def test_a_date_is_compared_at_the_precision_both_have():
    rule = next(r for r in ALL if r.id == "period-end-not-before-start")
    assert not rule.broken({"period": {"start": "2019-05", "end": "2019"}})
    assert not rule.broken({"period": {"start": "2019", "end": "2019-01-01"}})
    assert rule.broken({"period": {"start": "2019-05-02", "end": "2019-05-01"}})
    assert not rule.broken({"period": {"start": "2019", "end": "pågående"}})


def test_a_malformed_rule_is_refused_with_its_id():
    good = {"id": "x", "kind": "required-when", "field": ["a"], "message": "m", "when": {"field": ["b"], "in": ["c"]}}
    assert rules.parse({"rules": [good]})[0].when_in == ("c",)
    for broken in ({"kind": "one-of"}, {"field": "a"}, {"when": {"field": ["b"]}}, {"colour": 1}, {"message": None}):
        with pytest.raises(ValueError, match="rules.yaml: x"):
            rules.parse({"rules": [{**good, **broken}]})
    with pytest.raises(ValueError, match="same id"):
        rules.parse({"rules": [good, good]})


def test_the_json_for_the_form_has_every_rule_and_nothing_else():
    data = json.loads(json.dumps(rules.as_json(), ensure_ascii=False))
    assert [r["id"] for r in data["rules"]] == [r.id for r in ALL]
    for item, rule in zip(data["rules"], ALL):
        assert item["field"] == list(rule.field) and item["message"] == rule.message
        assert "examples" not in item
        assert ("other" in item) == (rule.kind == "not-before") != ("when" in item)
    assert data["datePattern"] == rules.PARTIAL_DATE


def test_the_form_and_issue_form_conditions_come_from_the_rules():
    (cond,) = fields.conditions()
    assert cond.when == {"scope": ("lokal", "regional")} and cond.then == ("municipalities",)
    assert "if" not in schema.raw_schema()  # the rule is written once, in rules.yaml
