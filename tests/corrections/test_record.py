"""The Correction record: targets, values and their validation (one clear line per mistake)."""

from __future__ import annotations

import re

import pytest

from marsad.corrections import new_correction, parse_target, parse_value, split_entity_id
from marsad.errors import UsageError


def test_record_has_the_contract_fields_an_id_who_and_when(monkeypatch):
    monkeypatch.setenv("USER", "huda")
    c = new_correction("merge_entities", "e-b5f3f425462b", "e-429a32bce11b")
    assert list(c) == ["id", "kind", "target", "value", "by", "at"]
    assert re.fullmatch(r"x-[0-9a-f]{12}", c["id"]) and c["by"] == "huda" and c["value"] == "e-429a32bce11b"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", c["at"])
    monkeypatch.delenv("USER")
    assert new_correction("set_entity", "Q796", {"english": "Iraq"})["by"] == "analyst"
    assert new_correction("set_entity", "Q796", {"english": "Iraq"}, by="سارة")["by"] == "سارة"


def test_targets_parse_to_their_form_and_a_contradiction_key_is_sorted():
    assert parse_target("set_speaker", "a97180bbc9960b2ac:quote:990") == ("quote", "a97180bbc9960b2ac", "990")
    assert parse_target("reject_fact", "a6481dc87ae96fbd4:event:81") == ("event", "a6481dc87ae96fbd4", "81")
    assert parse_target("reject_fact", "s-8b0236396ca4:timeline:t-aa51364052") == \
        ("timeline", "s-8b0236396ca4", "t-aa51364052")
    assert parse_target("reject_fact", "c-255e4459fb17") == ("claim", "", "c-255e4459fb17")
    c = new_correction("resolve_contradiction", "s-1:contradiction:c-b+c-a+c-b", "both right")
    assert c["target"] == "s-1:contradiction:c-a+c-b" and c["value"] == {"note": "both right"}


@pytest.mark.parametrize(("kind", "target", "value", "message"), [
    ("merge", "Q796", "Q43", "unknown correction kind 'merge' (one of: merge_entities, split_entity,"),
    ("merge_entities", "a1:quote:5", "Q43", "merge_entities: bad target 'a1:quote:5', expected ENTITY_ID"),
    ("merge_entities", "Q796", "Q796", "merge_entities: an entity cannot absorb itself"),
    ("merge_entities", "Q796", {"id": "Q43"}, "merge_entities: the value must be the id of the entity"),
    ("set_speaker", "Q796", "x", "set_speaker: bad target 'Q796', expected ARTICLE_ID:quote:START"),
    ("set_speaker", "a1:quote:5", {}, "set_speaker: give the speaker's name or entity id"),
    ("set_entity", "Q796", {"type": "CITY"}, "set_entity: type must be one of PERSON, ORG, GPE, LOC, FAC"),
    ("set_entity", "Q796", {}, "set_entity: give at least one of canonical, type, english"),
    ("set_entity", "Q796", {"name": "x"}, "set_entity: unknown key 'name' in the value"),
    ("split_entity", "Q796", {"canonical": "x"}, "split_entity: 'mentions' must list the moved mentions"),
    ("split_entity", "Q796", {"mentions": ["a1:5"]}, "split_entity: 'canonical' must be a non-empty text"),
    ("reject_fact", "a1:quote:5", {"field": "date"}, "reject_fact: 'field' can only be \"date\", and only for an event"),
    ("reject_fact", "s-1:contradiction:c-a", None, "reject_fact: bad target 's-1:contradiction:c-a'"),
    ("resolve_contradiction", "c-a", "x", "resolve_contradiction: bad target 'c-a', expected STORY_ID:contradiction"),
    ("reject_fact", 42, None, "reject_fact: the target must be"),
    (["reject_fact"], "c-a", None, "unknown correction kind"),
])
def test_a_bad_kind_target_or_value_is_a_one_line_usage_error(kind, target, value, message):
    with pytest.raises(UsageError) as err:
        new_correction(kind, target, value)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_values_are_stored_in_one_form():
    assert new_correction("set_speaker", "a1:quote:5", "e-63dd7b89c0b6")["value"] == \
        {"speaker": None, "entity_id": "e-63dd7b89c0b6", "anonymous": False}
    assert new_correction("set_speaker", "a1:quote:5", "مصدر  عسكري")["value"] == \
        {"speaker": "مصدر عسكري", "entity_id": None, "anonymous": False}
    assert new_correction("reject_fact", "a1:event:5", {"field": "date"})["value"] == {"note": None, "field": "date"}
    split = new_correction("split_entity", "Q796", {"mentions": ["a2:9", "a1:40", "a1:7"], "canonical": "العراق القديم",
                                                    "type": "LOC"})
    assert split["value"] == {"mentions": ["a1:7", "a1:40", "a2:9"], "canonical": "العراق القديم", "type": "LOC"}
    assert split_entity_id(split["id"]) == split_entity_id(split["id"]) != split_entity_id("x-000000000000")


def test_command_line_values_are_json_when_they_read_as_json_else_text():
    assert parse_value('{"type": "ORG"}') == {"type": "ORG"}
    assert parse_value("Q43") == "Q43" and parse_value("وزارة الدفاع") == "وزارة الدفاع"
    assert parse_value("null") is None and parse_value(None) is None
    with pytest.raises(UsageError, match="the value is not valid JSON"):
        parse_value('{"type": ORG}')
