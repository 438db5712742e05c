"""find_sources / source_profile: one test per construction, the seed article, robustness."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.features.sources import COLUMNS, PROFILE_COLUMNS, SPEAKER_TYPES


def rows(text: str) -> list[dict]:
    return mk.find_sources(text).to_dict("records")


def one(text: str) -> dict:
    found = rows(text)
    assert len(found) == 1, found
    return found[0]


def content(text: str, row: dict) -> str:
    return text[row["content_start"]:row["content_end"]]


# ----------------------------------------------------------------------------- direct quotes

@pytest.mark.parametrize("q", [('"', '"'), ("“", "”"), ("«", "»"), ("„", "“")])
def test_direct_quote_marks(q):
    o, c = q
    t = f"{o}We will not back down,{c} the mayor said."
    r = one(t)
    assert r["kind"] == "direct"
    assert r["cue"] == "said"
    assert "We will not back down" in content(t, r)
    assert r["speaker"] == "mayor"


def test_speaker_before_quote_with_colon():
    t = 'Smith said: "The plan is dead."'
    r = one(t)
    assert r["speaker"] == "Smith" and r["kind"] == "direct"
    assert "The plan is dead" in content(t, r)


def test_speaker_in_the_middle_is_one_attribution():
    t = '"The plan is dead," Ann Lee said, "and nobody will revive it."'
    r = one(t)
    assert r["speaker"] == "Ann Lee"
    assert content(t, r).startswith('"The plan') and "revive it" in content(t, r)


@pytest.mark.parametrize("tail", [
    "explaining why the senator will not attend the dinner",
    "just before the vote on the budget was called in the chamber",
    "a day after the party chose its new leader at the meeting",
])
def test_quote_before_the_speaker_wins_over_the_clause_after(tail):
    t = f'"We are running in every county of the state," said Ann Lee, a spokeswoman for the campaign, {tail}.'
    r = next(r for r in rows(t) if r["cue"] == "said")
    assert content(t, r) == '"We are running in every county of the state,"'


def test_participle_after_the_speaker_is_an_adjunct():
    t = "Sales were great this year, he said, wiping the sweat off his face."
    r = one(t)
    assert content(t, r) == "Sales were great this year"


def test_that_of_a_later_clause_does_not_start_the_content():
    t = "Trump has said he does not plan to hold a mock debate — and thinks that his daughter may help."
    r = one(t)
    assert content(t, r).startswith("he does not plan")


def test_relative_clause_after_the_object_is_not_said():
    t = "The report also cited a new book by a journalist, who described a dinner held in 2009."
    found = [r for r in rows(t) if r["cue"].endswith("cited")]
    assert found and content(t, found[0]) == "a new book by a journalist"


def test_quote_continuing_in_next_sentence_joins_the_attribution():
    t = '"We lost," Ann Lee said. "We will be back next year."\n\nThe league did not comment.'
    r = one(t)
    assert "next year" in content(t, r) and "league" not in content(t, r)


def test_multi_paragraph_quote():
    t = 'Ann Lee said: "We lost the first round.\n\n"But we will be back next year."'
    r = one(t)
    assert "next year" in content(t, r)


def test_inverted_speaker_after_cue():
    t = '"It is over," said Ben Wallace, the defence secretary.'
    r = one(t)
    assert r["speaker"] == "Ben Wallace"
    assert r["speaker_type"] == "official"


def test_inverted_role_then_name():
    t = "Dead fish were found downstream, said the agency's regional director, Miriam Koss."
    r = one(t)
    assert r["speaker"] == "Miriam Koss" and r["speaker_type"] == "official"
    assert content(t, r) == "Dead fish were found downstream"


def test_inverted_speaker_with_age_apposition_after_two_sentence_quote():
    t = '"I got a text at two. It said maybe?" said Dora Feld, 34, a nurse. "Either it was or not."'
    r = one(t)
    assert r["speaker"] == "Dora Feld"
    assert content(t, r).startswith('"I got a text') and "Either it was" in content(t, r)


def test_nested_quote_with_three_marks():
    t = '"We have to be realistic and say, "It\'s not going to happen at Vilnius," Ben Wallace said.'
    r = one(t)
    assert r["speaker"] == "Ben Wallace" and r["kind"] == "direct"
    assert "Vilnius" in content(t, r)


def test_unclosed_quote_does_not_crash_and_attributes():
    t = '"We will never give up, the minister said.\n\nTalks resume on Monday.'
    found = rows(t)
    assert [r["cue"] for r in found] == ["said"]


def test_scare_quotes_and_titles_are_not_attributions():
    assert rows('The so-called "peace plan" was shelved. She liked "War and Peace" best.') == []


def test_dash_under_a_quote():
    t = "“Nobody asked us.” ― Maria Lopez\n"
    r = one(t)
    assert r["speaker"] == "Maria Lopez" and r["kind"] == "direct"


# ----------------------------------------------------------------------------- indirect speech

@pytest.mark.parametrize(
    "verb", ["said", "warned", "argued", "stressed", "noted", "confirmed", "denied", "insisted", "claimed"]
)
def test_indirect_reporting_verbs(verb):
    t = f"Senator Ann Lee {verb} that the bill would fail."
    r = one(t)
    assert r["cue"] == verb and r["kind"] == "indirect"
    assert r["speaker"] == "Ann Lee"
    assert content(t, r) == "that the bill would fail"  # the complementizer is part of it (PolNeAR, PARC)


def test_told_with_outlet():
    t = "The minister told Reuters that the border would stay closed."
    r = one(t)
    assert r["outlet"] == "Reuters"
    assert r["speaker_type"] == "official"
    assert content(t, r) == "that the border would stay closed"


def test_told_reporters_is_not_an_outlet():
    r = one("The minister told reporters the border would stay closed.")
    assert r["outlet"] is None or pd.isna(r["outlet"])


def test_interview_with_outlet_and_content_before():
    t = "Troops may be sent, Anders Fogh Rasmussen said in an interview with The Guardian."
    r = one(t)
    assert r["speaker"] == "Anders Fogh Rasmussen"
    assert r["outlet"] == "The Guardian"
    assert content(t, r) == "Troops may be sent"


def test_writing_on_telegram():
    t = "Writing on Telegram, the governor said the bridge was hit."
    r = one(t)
    assert r["outlet"] == "Telegram"


def test_gerund_after_preposition_shares_the_subject():
    t = "Senator Ann Lee became famous for saying that the bridge was safe."
    r = one(t)
    assert r["cue"] == "saying" and r["speaker"] == "Ann Lee"


def test_passive_quoted_as_saying():
    t = "Ann Lee was quoted as saying that the talks had failed."
    r = one(t)
    assert r["speaker"] == "Ann Lee" and r["cue"] == "saying"


def test_reported_by_agent():
    t = "The deal was first reported by The Wall Street Journal."
    r = one(t)
    assert r["speaker_type"] == "media"


def test_according_to_and_surname_resolution():
    t = "Dmitry Peskov, an official spokesman for the Kremlin, said talks were over. According to Peskov, the door is closed."
    found = rows(t)
    assert [r["speaker"] for r in found] == ["Dmitry Peskov", "Dmitry Peskov"]
    assert found[0]["speaker_type"] == "official"
    assert found[1]["kind"] == "according_to"
    assert t[found[1]["speaker_start"]:found[1]["speaker_end"]] == "Peskov"


def test_pronoun_resolves_to_nearest_person():
    t = "NATO Secretary General Jens Stoltenberg noted that aid would rise. According to him, the summit matters."
    found = rows(t)
    assert found[-1]["speaker"] == "Jens Stoltenberg"
    assert found[-1]["mention"] == "him"


def test_pronoun_prefers_person_introduced_after_last_speaker():
    t = ('"Talks stall often," said Marta Lind, an analyst. Professor Idris Haddad of Varsena University '
         'was more cautious. "Leaders will struggle," he said.')
    assert rows(t)[-1]["speaker"] == "Idris Haddad"


def test_pronoun_respects_gender_shown_in_the_article():
    t = "Ms. Ann Lee met Mr. Tom Hart on Monday. Hart said the deal was off. She said it was not."
    assert [r["speaker"] for r in rows(t)] == ["Tom Hart", "Ann Lee"]


def test_pronoun_after_honorific_surname():
    t = 'Tom Clarke bought the mine. Mr. Clarke met the miners. "It works," he said.'
    assert rows(t)[-1]["speaker"] == "Tom Clarke"


def test_anonymity_marker_is_not_a_cue():
    t = "One senior official, who asked not to be named, said the deal was close."
    found = rows(t)
    assert [r["cue"] for r in found] == ["said"]
    assert found[0]["speaker_type"] == "anonymous"


def test_headline_colon_cue_needs_a_known_source():
    t = "Patrushev: the regime must change\n\nNikolai Patrushev spoke on Monday."
    assert [r["cue"] for r in rows(t)] == [":"]
    assert rows("Stealth Over Health: Clinton Was Headed to ER\n\nThe campaign was silent.") == []


def test_that_said_and_noun_uses_are_not_cues():
    assert rows("That said, the plan has merit. News reports were mixed. The so-called deal failed.") == []
    assert rows("The plan failed. (That said, it has merit.)") == []
    assert rows("Having said that, the plan has merit.") == []


def test_speech_reported_inside_a_quote_is_part_of_the_quote():
    t = '"He said it over and over, and they told us nothing," Ann Lee said.'
    assert [r["speaker"] for r in rows(t)] == ["Ann Lee"]


def test_role_noun_resolves_to_earlier_speaker():
    t = ("Mayor Ann Lee said the bridge would close. Residents were angry. "
         "The mayor added that repairs would take a year.")
    found = rows(t)
    assert found[-1]["speaker"] == "Ann Lee"


def test_nominal_cue_with_possessor():
    t = "Donald Trump's claim that crime is rising was rated false. His plans for the weekend are unknown."
    found = rows(t)
    assert [(r["cue"], r["speaker"]) for r in found] == [("claim", "Donald Trump")]
    assert content(t, found[0]).startswith("that crime is rising")


def test_as_reported():
    r = one("As the BBC reported, the talks collapsed on Friday.")
    assert r["speaker_type"] == "media" and r["outlet"] == "BBC"


def test_mixed_quote():
    t = 'The minister said the plan was "dead on arrival" and would be dropped.'
    r = one(t)
    assert r["kind"] == "mixed"


@pytest.mark.parametrize(
    "text, typ",
    [
        ("Officials said the road would reopen.", "anonymous"),
        ("A person familiar with the talks said a deal was near.", "anonymous"),
        ("Sources close to the president said he would resign.", "anonymous"),
        ("Residents said the water was unsafe.", "citizen"),
        ("A new poll shows that voters are split.", "document"),
        ("Analysts said the market would recover.", "expert"),
        ("The company said profits fell.", "organization"),
        ("The minister said taxes would rise.", "official"),
    ],
)
def test_speaker_types(text, typ):
    assert one(text)["speaker_type"] == typ


def test_anonymity_from_context():
    r = one("One diplomat, who spoke on condition of anonymity, said the talks had stalled.")
    assert r["speaker_type"] == "anonymous"


# ----------------------------------------------------------------------------- schema, corpus, profile

def test_columns_and_empty():
    df = mk.find_sources("")
    assert list(df.columns) == COLUMNS and len(df) == 0


def test_corpus_input_and_profile():
    s = pd.Series({"a": "Officials said the road would reopen. The minister told Reuters it would not.",
                   "b": "Nothing to see here."})
    df = mk.find_sources(s)
    assert list(df.columns) == ["doc_id", *COLUMNS]
    prof = mk.source_profile(df)
    assert list(prof.columns) == PROFILE_COLUMNS
    row = prof.set_index("doc_id").loc["a"]
    assert row["n_attributions"] == 2
    assert row["share_anonymous"] == 0.5
    assert row["cited_outlets"] == "Reuters"


def test_profile_counts_attributions_that_name_nobody():
    s = pd.Series({"a": "It was reported that the bridge would close. Ann Lee said it would not."})
    df = mk.find_sources(s)
    assert df["speaker"].isna().sum() == 1, df
    row = mk.source_profile(df).set_index("doc_id").loc["a"]
    assert row["share_no_speaker"] == 0.5
    assert row["share_other"] >= row["share_no_speaker"]
    assert sum(row[f"share_{t}"] for t in SPEAKER_TYPES) == pytest.approx(1.0)


def test_the_writers_own_voice_is_flagged_and_counted_apart():
    text = ('We believe the council is wrong, and officials said so. '
            '"We believe in this town," the mayor said. "You know we do," she added.')
    df = mk.find_sources(text)
    own = df[df["author_voice"]]
    assert own["cue"].tolist() == ["believe"] and own["speaker"].tolist() == ["We"]
    assert own["cue_start"].tolist() == [text.index("believe")]  # the first sentence's, not the quotation's
    assert df.loc[df["speaker"] == "officials", "author_voice"].tolist() == [False]
    assert df["author_voice"].dtype == bool
    row = mk.source_profile(df).iloc[0]
    assert row["share_author_voice"] == pytest.approx(1 / len(df))
    assert row["share_other"] >= row["share_author_voice"]
    # a table without the column (an older export) still profiles, counting none
    assert mk.source_profile(df.drop(columns="author_voice")).iloc[0]["share_author_voice"] == 0.0


def test_profile_rejects_wrong_input():
    with pytest.raises(mk.SchemaError):
        mk.source_profile(pd.DataFrame({"x": [1]}))
    with pytest.raises(mk.InputError):
        mk.find_sources(42)


# ----------------------------------------------------------------------------- the seed article

@pytest.fixture
def seed_body() -> str:
    raw = shared_path("seeds", "000_9d616d7769cc11ee.txt").read_text(encoding="utf-8")
    art = mk.load_article(shared_path("seeds", "000_9d616d7769cc11ee.txt"))
    text = art.text if "NATO troops may" in art.text else raw
    start = text.index("NATO troops may")
    end = text.index("will be significant.") + len("will be significant.")
    return text[start:end]


def test_seed_article(seed_body):
    df = mk.find_sources(seed_body)
    by = {}
    for r in df.to_dict("records"):
        by.setdefault(r["speaker"], []).append(r)
    assert {"Anders Fogh Rasmussen", "Ben Wallace", "Karine Jean-Pierre", "Dmitry Peskov", "Jens Stoltenberg"} <= set(by)
    assert all(r["speaker_type"] == "official" for name in by for r in by[name])
    assert "The Guardian" in {r["outlet"] for r in by["Anders Fogh Rasmussen"]}
    assert "direct" in {r["kind"] for r in by["Ben Wallace"]}
    assert any(r["kind"] == "indirect" for r in by["Karine Jean-Pierre"])
    peskov = by["Dmitry Peskov"]
    assert {r["kind"] for r in peskov} >= {"indirect", "according_to"}
    assert any(r["mention"] == "Peskov" and r["kind"] == "according_to" for r in peskov)
    assert any(r["mention"] == "him" for r in by["Jens Stoltenberg"])
    assert any(r["cue"] == "noted" for r in by["Jens Stoltenberg"])


def test_seed_raw_page_yields_nothing_from_headline_lists():
    raw = shared_path("seeds", "000_9d616d7769cc11ee.txt").read_text(encoding="utf-8")
    df = mk.find_sources(raw)
    body_end = raw.index("will be significant.")
    assert len(df) >= 8
    assert (df["cue_start"] < body_end).all(), df[df["cue_start"] >= body_end]


def test_headline_list_lines_are_skipped():
    t = "Ministry shows video of strike\nUS admits drone destroyed radar\nVideo shows rockets hitting tanks\n"
    assert rows(t) == []


# ----------------------------------------------------------------------------- robustness

def _valid(text: str, df: pd.DataFrame) -> None:
    assert list(df.columns) == COLUMNS
    n = len(text)
    for r in df.to_dict("records"):
        assert 0 <= r["cue_start"] < r["cue_end"] <= n
        assert text[r["cue_start"]:r["cue_end"]] == r["cue"]
        for a, b in (("speaker_start", "speaker_end"), ("content_start", "content_end")):
            if not pd.isna(r[a]):
                assert 0 <= r[a] <= r[b] <= n


_PIECES = st.sampled_from(
    ['"', "“", "”", "«", "»", "''", "'", " said ", " told ", "According to ", "He", " Smith", ",", ".", "\n\n",
     ":", " ― ", "the minister", " that ", "Officials", "\n", " ", "who", "x"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_property_quote_soup_never_crashes(text):
    _valid(text, mk.find_sources(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_property_any_string(text):
    _valid(text, mk.find_sources(text))


def test_only_quote_marks_and_long_unpunctuated_text():
    for t in ['"' * 101, "“" * 50 + "”" * 7, "«»" * 30]:
        _valid(t, mk.find_sources(t))
    t = "word said that " * 3000
    _valid(t, mk.find_sources(t))
    t = "lorem ipsum dolor sit amet " * 40000  # about 1 MB, no punctuation at all
    assert len(mk.find_sources(t)) == 0


# ----------------------------------------------------------------------------- speaker typing from context

def test_states_speak_as_officials_but_a_person_with_that_name_does_not():
    found = rows("Russia said the drills were routine. Michael Jordan said he was happy. "
                 "Later, Jordan said it again. Beijing denied the report.")
    assert [(r["speaker"], r["speaker_type"]) for r in found] == [
        ("Russia", "official"), ("Michael Jordan", "other"), ("Michael Jordan", "other"), ("Beijing", "official")]


def test_unlisted_state_recognised_from_its_nationality_adjective():
    t = "Ostrenian forces moved at dawn. Ostrenia denied that its troops had crossed the river."
    assert one(t)["speaker_type"] == "official"
    assert one("Marenka denied that she had crossed the river.")["speaker_type"] == "other"


@pytest.mark.parametrize("t", [
    "Sheila Marlow, 78, who lives alone on Orchard Row, said she sat in the dark for hours.",
    "Anya Dorsett, who arrived from Ulmar in November, said she had hoped for more.",
    "Lucia Ferrand, who runs a deli on Market Street, said she threw food away.",
])
def test_age_or_residence_clause_marks_a_citizen(t):
    assert one(t)["speaker_type"] == "citizen"


def test_role_set_off_before_the_name():
    r = one("Crews were still at the plant. Dravik's fire chief, Oskar Renholt, said the blaze was under control.")
    assert (r["speaker"], r["speaker_type"]) == ("Oskar Renholt", "official")


def test_people_in_a_place_are_not_the_place():
    r = one("Homeowners and shopkeepers in Millbrook say the rate rise will hurt.")
    assert r["speaker_type"] == "citizen" and r["speaker"] != "Millbrook"


def test_object_pronoun_before_a_participle_is_no_speaker():
    t = "Valdoria wanted the steps tied to a ceasefire while Ostrenia wanted them agreed separately."
    assert rows(t) == []


@pytest.mark.parametrize("t", [
    "The national grid operator, Valgrid, began rotating cuts. Valgrid said the cuts would last a week.",
    "Aldergate, which employs about 350 people, reported the leak. Aldergate said the tank had failed.",
    "A group calling itself Grey Tide posted online. Grey Tide said it had the data.",
    "Angry Vellacom customers queued outside. Vellacom said the outage was over.",
])
def test_companies_and_groups_known_from_how_the_article_presents_them(t):
    assert rows(t)[-1]["speaker_type"] == "organization"


def test_a_name_without_such_evidence_stays_other():
    assert one("Valgrid said the cuts would last a week.")["speaker_type"] == "other"


def test_person_role_wins_over_an_institution_name_used_as_modifier():
    r = one("Ines Okafor, the Council of Nations envoy who chaired the sessions, said progress was made.")
    assert (r["speaker"], r["speaker_type"]) == ("Ines Okafor", "official")


@pytest.mark.parametrize("t, speaker", [
    ("“They are wrong,” said widow Terry Strada.", "Terry Strada"),
    ("“The shelves are empty,” said local baker Ann Lee.", "Ann Lee"),
])
def test_inverted_speaker_with_a_bare_description_before_the_name(t, speaker):
    r = one(t)
    assert (r["speaker"], r["speaker_type"]) == (speaker, "citizen")


def test_verb_phrase_after_the_cue_is_not_a_description():
    assert all(r["speaker"] != "out Russia" for r in rows("Lawmakers renewed their call out Russia for hacking."))
