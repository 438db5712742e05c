"""Speaker typing on constructions of real news: former officials, documents, non-speakers."""

from __future__ import annotations

import pytest

import mediakit as mk
from mediakit.features.attribution.lexicon import non_speakers


def _rows(text: str) -> list[dict]:
    return mk.find_sources(text).to_dict("records")


def test_former_official_keeps_the_office_type_and_is_marked_former():
    rows = _rows("Troops may be sent, former NATO Secretary General Anders Fogh Rasmussen said. "
                 "Rasmussen added that aid matters.")
    assert [(r["speaker"], r["speaker_type"], r["former"]) for r in rows] == [
        ("Anders Fogh Rasmussen", "official", True), ("Anders Fogh Rasmussen", "official", True)]


@pytest.mark.parametrize("description", ["a former minister", "an ex-minister", "a onetime minister"])
def test_former_markers(description):
    rows = _rows(f"Talks will fail, said Ann Lee, {description}.")
    assert rows[0]["former"] is True and rows[0]["speaker_type"] == "official"


def test_current_officials_are_not_former():
    rows = _rows('"We will not," said Ben Wallace, the defence secretary.')
    assert rows[0]["former"] is False
    assert mk.find_sources("Nothing here.")["former"].dtype == bool


def test_a_person_described_with_a_document_word_is_not_a_document():
    rows = _rows('"People sell assets," explained report author Rob Bailey.')
    assert rows[0]["speaker"] == "Rob Bailey" and rows[0]["speaker_type"] != "document"


@pytest.mark.parametrize("text", [
    "A report by the agency found that costs rose.",
    "Court filings show the firm paid the fine.",
    "According to court filings, the firm paid.",
])
def test_document_sources(text):
    assert [r["speaker_type"] for r in _rows(text)] == ["document"]


@pytest.mark.parametrize("text", [
    "Launch day saw record sales at the store.",
    "The report's release showed that costs rose.",
])
def test_time_and_event_nouns_are_never_speakers(text):
    assert all(r["speaker"] is None or r["speaker"] != r["speaker"] for r in _rows(text))  # None or NaN


def test_a_time_phrase_with_a_document_word_still_speaks():
    rows = _rows("A CNN poll last month showed Mr. Trump leading.")
    assert rows[0]["speaker_type"] == "document"


def test_adverbs_before_the_verb_do_not_hide_the_subject():
    rows = _rows("But he does elsewhere say he would cut taxes.")
    assert rows[0]["mention"] == "he"
    assert "ever" not in {r["mention"] for r in _rows("If you have ever wondered what Mars is like, go.")}


def test_non_speaker_lexicon_has_both_scopes():
    words = non_speakers("en")
    assert "day" in words["head"] and "elsewhere" in words["alone"]


def test_an_office_with_a_document_word_in_its_name_is_not_a_document():
    rows = _rows("There were 136 accidents, the Aircraft Crashes Record Office said.")
    assert rows[0]["speaker_type"] == "official"
    assert _rows("The Mueller Report found that no charges were due.")[0]["speaker_type"] == "document"


def test_a_conjunction_before_a_name_is_not_part_of_it():
    assert [r["speaker"] for r in _rows("Once Greg says so, we go.")] == ["Greg"]


@pytest.mark.parametrize("text", ["Anyone says the plan works.", "Another thing says it works."])
def test_pronoun_like_subjects_are_not_sources(text):
    assert not [r for r in _rows(text) if r["mention"] and r["mention"].lower() in ("anyone", "another thing")]


def test_an_age_and_a_home_town_mark_a_private_person():
    rows = _rows('"They are all so scared," said Humaira Kirmani, a 60-year-old from Lexington.')
    assert rows[0]["speaker_type"] == "citizen"
    assert _rows('"It works," said Ann Lee, a 60-year-old senator.')[0]["speaker_type"] == "official"


def test_a_preposition_opening_the_sentence_is_not_part_of_the_name():
    assert _rows("Regarding Williams, nothing changed. Williams said he watched.")[-1]["speaker"] == "Williams"


# ----------------------------------------------------------------------------- the article's own words


def _typed(text: str) -> list[tuple[str, str]]:
    return [(r["speaker"], r["speaker_type"]) for r in _rows(text)]


@pytest.mark.parametrize("text, expected", [
    ("The Ministry of Transport said the line would reopen.", ("Ministry of Transport", "official")),
    ("Kelmont Foods Inc. said it would recall the jars.", ("Kelmont Foods Inc", "organization")),
    ("Varnholm University said tuition would stay the same.", ("Varnholm University", "organization")),
    ("The Ostley Tenants Association said rents were too high.", ("Ostley Tenants Association", "organization")),
])
def test_a_body_is_typed_by_the_head_word_of_its_name(text, expected):
    assert _typed(text) == [expected]


def test_a_person_of_an_institution_is_not_the_institution():
    rows = _typed("Rain will return, said Professor Ann Lee of the University of Corran.")
    assert rows[0][1] == "expert"


@pytest.mark.parametrize("text, expected", [
    ('"No one was hurt," said Tom Hale, a spokesman for the Dunmore Port Authority.', "official"),
    ('"The plant restarts soon," said Ann Lee, a spokeswoman for Kelso Energy Ltd.', "organization"),
    ("The road is shut, said Ruth Ode, the chief of the Ashby Fire Department.", "official"),
    ("Ann Lee, director of the refugee charity Safe Harbour, said boats left at dawn.", "organization"),
    ("Council office chief Ben Marr said the bins would be collected.", "official"),
])
def test_a_generic_role_takes_the_type_of_its_body(text, expected):
    assert _rows(text)[0]["speaker_type"] == expected


def test_a_lone_chief_without_a_body_stays_untyped():
    assert _rows("Xbox chief Phil Spencer said the console ships.")[0]["speaker_type"] == "other"


def test_an_unnamed_spokesperson_speaks_on_the_record_for_the_body():
    assert _rows("A ministry spokesman said the talks had ended.")[0]["speaker_type"] == "official"
    assert _rows("A senior official said the talks had ended.")[0]["speaker_type"] == "anonymous"


@pytest.mark.parametrize("text", [
    "Sen. Ann Lee met them. Lee said the bill was dead.",
    "Gov. Ann Lee met them. Lee said the bill was dead.",
    "Ann Lee, R-Texas, met them. Lee said the bill was dead.",
    "Rep. Gwen Moore (D-Wis.) said the bill was dead.",
    "Secretary of State Ann Lee arrived. Lee said the bill was dead.",
])
def test_honorifics_party_tags_and_offices_type_officials(text):
    rows = _rows(text)
    assert rows[-1]["speaker_type"] == "official" and rows[-1]["speaker"] in ("Ann Lee", "Gwen Moore")


def test_an_outlet_before_a_name_marks_a_journalist():
    assert _typed("CNN's Wolf Blitzer said the race was close.") == [("Wolf Blitzer", "media")]
    assert _typed("Foreign Policy magazine's Tom Ricks wrote that the war was lost.") == [("Tom Ricks", "media")]


def test_one_person_never_gets_two_types_in_one_article():
    t = ("Ann Lee, a former minister who now teaches law at Corran University, spoke first. "
         '"We failed," Lee said. Lee, a professor, added that reform was late.')
    rows = [r for r in _rows(t) if r["speaker"] == "Ann Lee"]
    assert len(rows) >= 2 and len({r["speaker_type"] for r in rows}) == 1 and all(r["former"] for r in rows)


@pytest.mark.parametrize("text", [
    "The Portuguese arrived late. \"He scores every game,\" he told the paper.",
    "Despite Smith the team lost. \"We tried,\" he said.",
])
def test_a_determiner_or_preposition_never_opens_a_persons_name(text):
    assert all(r["speaker"] not in ("The Portuguese", "Despite Smith") for r in _rows(text))


def test_a_role_noun_finds_the_person_named_with_that_role():
    rows = _rows("Health Minister Ann Lee opened the clinic. The minister said it would treat 900 people.")
    assert rows[-1]["speaker"] == "Ann Lee" and rows[-1]["speaker_type"] == "official"
    rows = _rows("Vice President Ann Lee opened the clinic. The president said it was late.")
    assert rows[-1]["speaker"] != "Ann Lee"


def test_a_title_role_is_no_part_of_the_name():
    assert _rows("Police Chief Omar Tal said two officers were hurt.")[0]["speaker"] == "Omar Tal"


def test_first_person_outside_quotes_is_the_writer_not_the_last_speaker():
    rows = _rows("Ann Lee said it works. I think she is right.")
    assert all(r["speaker"] != "Ann Lee" for r in rows if r["mention"] == "I")


def test_a_document_noun_never_takes_the_person_who_obtained_it():
    rows = _rows("Lord Alton, the peer who obtained the figures, said it was bad. The figures reveal that few survive.")
    assert rows[-1]["speaker_type"] == "document"


def test_an_acronym_takes_the_type_of_the_body_it_was_spelled_out_for():
    t = "The Movement for the Liberation of Varn (MLV) attacked a ship. MLV said it would strike again."
    assert _rows(t)[-1]["speaker_type"] == "organization"
