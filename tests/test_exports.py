"""Research exports: Nexis Uni, classic LexisNexis, Factiva, WARC (team-written fixtures)."""

from __future__ import annotations

import shutil
import warnings
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.errors import FormatError
from mediakit.load.export_dates import find_export_date, language_code, parse_export_date
from mediakit.load.factiva import parse_factiva_html, parse_factiva_xml
from mediakit.load.lexisnexis_classic import parse_classic_text
from mediakit.load.nexis import parse_nexis_lines
from mediakit.text.tokens import count_words

FIX = Path(__file__).parent / "fixtures" / "exports"
EST = timezone(timedelta(hours=-5))

FLOOD_TEXT = (
    "Riverside's council voted 7-2 on Thursday to build a removable flood barrier along the old "
    "harbour, ending a debate that had dragged on since the spring floods.\n\n"
    "\u201cWe may not get a second warning,\u201d said councillor Ada Brenner, who chaired the committee "
    "that drafted the plan. Opponents argued the cost could rise further.\n\n"
    "Construction is expected to begin in the autumn, officials said, although the tender has not "
    "yet been published."
)
BRIDGE_TEXT = (
    "Engineers closed the Millbrook footbridge on Monday after inspectors found cracks in two of its "
    "supports, the county said.\n\nThe bridge will probably stay closed for at least six weeks, "
    "according to a county spokesman. Cyclists are being sent on a detour through the industrial estate."
)
SCHOOL_TEXT = (
    "Parents in Eastvale packed the school hall on Tuesday to oppose plans to merge two primary "
    "schools, a proposal the district says would save money.\n\n\u201cThis is clearly the wrong "
    "decision,\u201d said Tomas Rey, whose two children attend Hillcrest Primary. The district has "
    "promised a further consultation.\n\nA final vote is scheduled for June."
)
HARVEST_TEXT = (
    "Grain farmers in the Northern Plains reported a smaller harvest than last year, blaming a dry "
    "summer and late frosts.\n\nYields appear to be roughly 12 percent lower, according to a survey "
    "by the regional growers' association."
)


def load(name: str) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = mk.load_corpus(FIX / name, errors="raise")
    return df


def check(row: pd.Series, expected: dict) -> None:
    for key, value in expected.items():
        got = row[key]
        if key == "published" and value is not None:
            value = pd.Timestamp(value).tz_localize("UTC") if value.tzinfo is None else pd.Timestamp(value)
            assert got == value, (key, got, value)
        elif value is None:
            assert got is None or pd.isna(got), (key, got)
        else:
            assert got == value, (key, got, value)


NEXIS_FLOOD = {
    "title": "Council approves flood barrier after months of debate", "outlet": "The Riverside Courier",
    "published": datetime(2021, 3, 5), "author": "Maren Holt", "section": "LOCAL; Pg. 3",
    "length": 142, "dateline": "RIVERSIDE", "edition": "Late Edition",
    "copyright": "Copyright 2021 Riverside Courier Media All Rights Reserved",
    "language": "en", "publication_type": "Newspaper",
    "classification_subject": "FLOODS (91%); LOCAL GOVERNMENT (88%); INFRASTRUCTURE (72%)",
    "classification_geographic": "RIVERSIDE (93%)", "load_date": datetime(2021, 3, 6),
    "highlight": None, "graphic": None, "notes": None, "url": None, "text": FLOOD_TEXT,
    "published_from": "date line",
}
NEXIS_BRIDGE = {
    "title": "Footbridge closed after inspectors find cracks", "outlet": "Northern Ledger",
    "published": datetime(2021, 3, 8, 16, 15, tzinfo=EST), "author": None, "section": None,
    "length": 97, "dateline": None, "edition": None, "copyright": None, "language": "en",
    "publication_type": "Web Publication", "classification_subject": "BRIDGES (90%); INSPECTIONS (77%)",
    "classification_organization": "MILLBROOK COUNTY COUNCIL (84%)", "load_date": datetime(2021, 3, 9),
    "graphic": "The Millbrook footbridge, closed since Monday.", "notes": None, "text": BRIDGE_TEXT,
}
NEXIS_SCHOOL = {
    "title": "Parents rally against school merger plan", "outlet": "Harbour Times",
    "published": datetime(2021, 3, 9), "author": "Lena Ortiz and Sam Okafor", "section": "EDUCATION",
    "length": 1204, "highlight": "District says two schools must merge",
    "notes": "An earlier version misspelled Hillcrest.", "graphic": None, "language": "en",
    "classification_subject": "EDUCATION (94%); SCHOOL CLOSURES (90%); PARENTS (71%)",
    "classification_person": "TOMAS REY (79%)", "load_date": datetime(2021, 3, 10), "text": SCHOOL_TEXT,
}


def test_nexis_docx_bundle_skips_cover_and_splits_records():
    df = load("nexis_bundle.docx")
    assert len(df) == 3
    assert set(df["format"]) == {"nexis-docx"}
    check(df.iloc[0], NEXIS_FLOOD)
    check(df.iloc[1], NEXIS_BRIDGE)
    check(df.iloc[2], NEXIS_SCHOOL)
    assert df["record"].tolist() == [1, 2, 3]
    assert df["records_in_file"].tolist() == [3, 3, 3]
    assert not df["text"].str.contains("Client/Matter|Job Number|End of Document|Classification").any()
    assert df["words"].tolist() == [count_words(t) for t in (FLOOD_TEXT, BRIDGE_TEXT, SCHOOL_TEXT)]


def test_nexis_single_docx_with_author_label():
    df = load("nexis_single.docx")
    assert len(df) == 1
    check(df.iloc[0], NEXIS_FLOOD)


def test_nexis_rtf_bundle_matches_docx():
    # the cover page announces 3 documents, the file holds 2: loaded, with a warning
    with pytest.warns(UserWarning, match="announces 3 documents but 2 were read"):
        mk.load_corpus(FIX / "nexis_bundle.rtf")
    df = load("nexis_bundle.rtf")
    assert len(df) == 2
    assert set(df["format"]) == {"nexis-rtf"}
    check(df.iloc[0], NEXIS_FLOOD)
    check(df.iloc[1], NEXIS_BRIDGE)


def test_nexis_pdf_rejoins_wrapped_lines_and_drops_page_headers():
    df = load("nexis_single.pdf")
    assert len(df) == 1
    check(df.iloc[0], {
        "title": "Grain harvest falls after dry summer", "outlet": "Prairie Gazette",
        "published": datetime(2020, 8, 12), "author": "Ines Calloway", "section": "FARMING; Pg. 7",
        "length": 61, "copyright": "Copyright 2020 Prairie Gazette Ltd.", "language": "en",
        "classification_subject": "AGRICULTURE (92%); DROUGHT (80%)",
        "load_date": datetime(2020, 8, 13), "format": "nexis-pdf", "text": HARVEST_TEXT,
    })


def test_classic_lexisnexis_txt_cp1252_crlf():
    df = load("lexisnexis_en.txt")
    assert len(df) == 3
    assert set(df["format"]) == {"lexisnexis-txt"}
    assert df["records_in_file"].tolist() == [3, 3, 3]
    check(df.iloc[0], {
        "title": "Council approves flood barrier after months of debate",
        "outlet": "The Riverside Courier", "published": datetime(2021, 3, 5), "edition": "Late Edition",
        "author": "Maren Holt", "section": "LOCAL; Pg. 3", "length": 142, "dateline": "RIVERSIDE",
        "load_date": datetime(2021, 3, 6), "language": "en", "publication_type": "Newspaper",
        "classification_subject": "FLOODS (91%); LOCAL GOVERNMENT (88%)",
        "copyright": "Copyright 2021 Riverside Courier Media All Rights Reserved", "text": FLOOD_TEXT,
    })
    check(df.iloc[1], {
        "title": "Footbridge closed after inspectors find cracks; Detour for cyclists through the industrial estate",
        "outlet": "Northern Ledger", "published": datetime(2021, 3, 8), "author": None, "section": None,
        "length": 97, "load_date": datetime(2021, 3, 9), "language": "en", "journal_code": "NLG",
        "copyright": None, "text": BRIDGE_TEXT,
    })
    check(df.iloc[2], {
        "title": "Caf\u00e9 owners \u201cworried\u201d about rent rises \u2013 survey",
        "outlet": "Caf\u00e9 Society Weekly", "published": datetime(2021, 3, 1), "author": "Pia Lund",
        "length": 35, "load_date": None, "language": "en",
        "text": "Most caf\u00e9 owners in the survey said rents may rise again this year.",
    })


def test_classic_lexisnexis_german_with_bom():
    df = load("lexisnexis_de.txt")
    assert len(df) == 2
    check(df.iloc[0], {
        "title": "Stadt will Stra\u00dfenbahn in den Norden verl\u00e4ngern", "outlet": "Rheinischer Abendkurier",
        "published": datetime(2021, 3, 12), "author": "Klara Winter", "section": "LOKALES; S. 14",
        "length": 212, "load_date": datetime(2021, 3, 13), "language": "de",
        "publication_type": "Zeitung", "record": 1, "records_in_file": 2,
        "copyright": "Copyright 2021 Abendkurier Verlag GmbH Alle Rechte vorbehalten",
    })
    assert df.iloc[0]["text"].startswith("Die Stadt Lindenau will")
    assert df.iloc[0]["text"].endswith("Millionen Euro liegen.")
    check(df.iloc[1], {
        "title": "Kurz gemeldet: Br\u00fccke gesperrt", "published": datetime(2021, 3, 15), "author": None,
        "length": 30, "language": "de", "section": None, "copyright": None,
        "text": "Die Fu\u00dfg\u00e4ngerbr\u00fccke am Hafen bleibt nach Angaben der Stadt bis Ende April gesperrt.",
    })


def test_classic_lexisnexis_french_rtf():
    df = load("lexisnexis_fr.rtf")
    assert len(df) == 2
    assert set(df["format"]) == {"lexisnexis-rtf"}
    check(df.iloc[0], {
        "title": "Le march\u00e9 couvert rouvrira en mai", "outlet": "Le Courrier du Vallon",
        "published": datetime(2021, 2, 3), "author": "Hugo Ferrand", "section": "R\u00c9GION; Pg. 5",
        "length": 180, "language": "fr", "copyright": "Copyright 2021 \u00c9ditions du Vallon",
    })
    assert df.iloc[0]["text"].count("\n\n") == 1
    assert "\u00ab Les commer\u00e7ants pourraient revenir" in df.iloc[0]["text"]
    check(df.iloc[1], {"title": "Br\u00e8ve: la piscine ferme", "published": datetime(2021, 2, 4),
                       "length": 25, "author": None, "language": "fr"})


def test_factiva_html_all_codes_and_four_languages():
    df = load("factiva_export.html")
    assert len(df) == 4
    assert set(df["format"]) == {"factiva-html"}
    check(df.iloc[0], {
        "title": "Grain harvest falls after dry summer", "author": "Ines Calloway",
        "published": datetime(2020, 8, 12, 6, 30), "outlet": "Prairie Gazette", "section": "Farming",
        "language": "en", "text": HARVEST_TEXT, "wc": 61, "length": 61, "sn": "Prairie Gazette", "sc": "PRGZ",
        "ed": "Final", "pg": "7", "la": "English", "et": "06:30", "pd": "12 August 2020",
        "by": "By Ines Calloway", "se": "Farming",
        "cy": "(c) 2020 Prairie Gazette Ltd. All rights reserved.",
        "co": "prgas : Prairie Growers Association",
        "in": "i0100144 : Grain Crops | iagri : Agriculture",
        "ns": "ecat : Economic News | ncat : Content Types",
        "re": "nplains : Northern Plains | namz : North America", "ipd": "harvest | drought",
        "pub": "Prairie Gazette Ltd.", "an": "PRGZ000020200812eg8c0000b",
    })
    check(df.iloc[1], {
        "title": "Stadt will Stra\u00dfenbahn verl\u00e4ngern", "author": None, "published": datetime(2021, 3, 12),
        "outlet": "Rheinischer Abendkurier", "language": "de", "wc": 212, "ns": "gtrans : Transport",
        "re": "gfr : Germany", "co": None, "cy": "\u00a9 2021 Abendkurier Verlag GmbH",
        "an": "RHAK000020210312eh3c0000a",
    })
    check(df.iloc[2], {"title": "Le march\u00e9 couvert rouvrira en mai", "published": datetime(2021, 2, 3),
                       "language": "fr", "wc": 180, "author": "Hugo Ferrand", "an": "CRVL000020210203eh230000c"})
    check(df.iloc[3], {"title": "Crece el tr\u00e1fico de contenedores", "published": datetime(2021, 4, 7),
                       "language": "es", "wc": 150, "outlet": "Diario de Vallerma", "author": None})
    assert df.iloc[1]["text"].count("\n\n") == 1  # LP then TD, one paragraph each


def test_factiva_xml():
    df = load("factiva_export.xml")
    assert len(df) == 2
    check(df.iloc[0], {
        "title": "Footbridge closed after inspectors find cracks", "author": "Maren Holt",
        "published": datetime(2021, 3, 8, 16, 15), "outlet": "Northern Ledger", "section": "Regional",
        "language": "en", "text": BRIDGE_TEXT, "wc": 97, "sc": "NLGR",
        "cy": "(c) 2021 Northern Ledger Media", "co": "mlbcc : Millbrook County Council",
        "ns": "gtrans : Transport | gcat : Political/General News", "re": "nplains : Northern Plains",
        "an": "NLGR000020210308eh380000x", "format": "factiva-xml",
    })
    check(df.iloc[1], {"title": "Parents rally against school merger plan", "published": datetime(2021, 3, 9),
                       "outlet": "Harbour Times", "language": "en", "text": SCHOOL_TEXT, "wc": None,
                       "author": None, "an": "HRBT000020210309eh390000y"})


def test_warc_extracts_html_responses_and_reports_skips():
    with pytest.warns(UserWarning, match=r"2 article\(s\) from 7 WARC records; skipped 1 HTTP 404, 2 not HTML, 2 not a response"):
        df = mk.load_corpus(FIX / "crawl.warc.gz")
    assert len(df) == 2
    check(df.iloc[0], {
        "url": "https://courier.example/local/flood-barrier",
        "title": "Council approves flood barrier after months of debate", "author": "Maren Holt",
        "outlet": "The Riverside Courier", "published": datetime(2021, 3, 5, 9, 0), "format": "warc",
        "crawled": datetime(2021, 3, 9, 8, 0, 2, tzinfo=UTC), "http_status": 200,
        "warc_record_id": "<urn:uuid:00000000-0000-0000-0000-000000000002>", "text": FLOOD_TEXT,
    })
    check(df.iloc[1], {"url": "https://courier.example/local/footbridge", "text": BRIDGE_TEXT,
                       "title": "Footbridge closed after inspectors find cracks"})


def test_folder_of_mixed_exports(tmp_path):
    for f in FIX.iterdir():
        if f.suffix != ".py":
            shutil.copy(f, tmp_path / f.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = mk.load_corpus(tmp_path)
    assert df.attrs["errors"] == []
    assert len(df) == 3 + 1 + 2 + 1 + 3 + 2 + 2 + 4 + 2 + 2
    assert df["doc_id"].is_unique
    assert str(df["published"].dtype).startswith("datetime64") and df["published"].dt.tz is not None


def test_broken_exports_are_reported_not_crashes(tmp_path):
    bad_docx = tmp_path / "broken.docx"
    bad_docx.write_bytes(b"PK\x03\x04 not really a zip")
    bad_pdf = tmp_path / "broken.pdf"
    bad_pdf.write_bytes(b"%PDF-1.4\nnonsense")
    bad_xml = tmp_path / "broken.xml"
    bad_xml.write_bytes(b"<ppsArticleResponse><article><headline>")
    bad_warc = tmp_path / "broken.warc"
    bad_warc.write_bytes(b"this is not a warc file\r\n\r\n")
    bad_rtf = tmp_path / "broken.rtf"
    bad_rtf.write_bytes(b"plain words, no rtf header")
    with pytest.warns(UserWarning, match="could not be loaded"):
        df = mk.load_corpus(tmp_path)
    assert len(df) == 0
    assert sorted(Path(e["path"]).name for e in df.attrs["errors"]) == sorted(
        p.name for p in (bad_docx, bad_pdf, bad_xml, bad_warc, bad_rtf))
    assert all(e["error"].startswith(("FormatError", "InputError")) for e in df.attrs["errors"])


def test_nexis_record_without_body_marker_and_truncated_download():
    lines = ["Headline only here", "The Example Post", "June 2, 2020 Tuesday", "Length: 12 words",
             "Byline: Ann Lee", "The first paragraph of the story is here.", "Load-Date: June 3, 2020",
             "End of Document", "Second headline", "The Example Post", "June 4, 2020",
             "Body", "A download that was cut short still keeps this paragraph."]
    arts = parse_nexis_lines(lines)
    assert [a.title for a in arts] == ["Headline only here", "Second headline"]
    assert arts[0].text == "The first paragraph of the story is here."
    assert arts[0].author == "Ann Lee" and arts[0].extra["length"] == 12
    assert arts[1].text == "A download that was cut short still keeps this paragraph."


def test_nexis_headline_starting_with_copyright_is_a_headline():
    lines = ["Copyright fight heats up", "The Example Post", "June 2, 2020",
             "Copyright 2020 Example Post Ltd", "Body", "Authors may sue, lawyers said.", "End of Document"]
    art = parse_nexis_lines(lines)[0]
    assert (art.title, art.outlet, art.extra["copyright"]) == (
        "Copyright fight heats up", "The Example Post", "Copyright 2020 Example Post Ltd")


def test_nexis_error_documents_skipped_with_warning_and_load_date_fallback():
    lines = ["Storm nears coast", "The Example Post", "Length: 9 words", "Body",
             "A storm may reach the coast, officials said.", "Load-Date: June 3, 2020", "End of Document",
             "We are sorry but there is an error in this document and it is not possible to display it.",
             "End of Document"]
    with pytest.warns(UserWarning, match=r"could not display document\(s\) 2"):
        arts = parse_nexis_lines(lines)
    assert len(arts) == 1
    assert arts[0].published == datetime(2020, 6, 3) and arts[0].extra["published_from"] == "load date"
    assert arts[0].outlet == "The Example Post"


def test_nexis_cover_without_matching_toc_entry():
    lines = ["User Name: Team", "Job Number: 1", "Documents (1)", "1. A headline the TOC shortened...",
             "Client/Matter: -None-", "Search Terms: storm", "Narrowed by:", "Content Type Narrowed by",
             "News Sources: The Example Post", "Storm nears coast", "The Example Post", "June 2, 2020",
             "Body", "A storm may reach the coast, officials said.", "End of Document"]
    arts = parse_nexis_lines(lines)
    assert len(arts) == 1
    assert (arts[0].title, arts[0].outlet) == ("Storm nears coast", "The Example Post")
    assert arts[0].text == "A storm may reach the coast, officials said."


@pytest.mark.parametrize("table", [["Content Type", "Narrowed by", "News", "Sources: The Example Post"],
                                   ["Content Type|Narrowed by|", "News|Sources: The Example Post|"]])
def test_nexis_cover_table_without_matching_toc_entry(table):
    lines = ["Date and Time: Monday, March 8, 2021", "Job Number: 1", "Documents (1)",
             "1. Shortened...", "Client/Matter: -None-", "Narrowed by: ", *table,
             "Storm nears coast", "The Example Post", "June 2, 2020", "Body",
             "A storm may reach the coast, officials said.", "End of Document"]
    arts = parse_nexis_lines(lines)
    assert [(a.title, a.outlet, a.text) for a in arts] == [
        ("Storm nears coast", "The Example Post", "A storm may reach the coast, officials said.")]


def test_classic_truncated_download_warns():
    txt = ("1 of 3 DOCUMENTS\n\nThe Example Post\n\nJune 2, 2020\n\nHeadline\n\n"
           "A storm may reach the coast, officials said.\n\nLANGUAGE: ENGLISH\n")
    with pytest.warns(UserWarning, match="announce 3 documents but 1"):
        arts = parse_classic_text(txt)
    assert [(a.outlet, a.title, a.text, a.language) for a in arts] == [
        ("The Example Post", "Headline", "A storm may reach the coast, officials said.", "en")]


def test_classic_unknown_label_in_body_stays_body():
    txt = ("1 of 1 DOCUMENT\n\nThe Example Post\n\nJune 2, 2020\n\nHeadline\n\nLENGTH: 20 words\n\n"
           "WASHINGTON: The president may visit, aides said.\n\nCopyright lawyers may object, "
           "critics said.\n\nLANGUAGE: ENGLISH\n\nCopyright 2020 Example Post\n")
    art = parse_classic_text(txt)[0]
    assert art.text == ("WASHINGTON: The president may visit, aides said.\n\n"
                        "Copyright lawyers may object, critics said.")
    assert art.title == "Headline" and art.language == "en"
    assert art.extra["copyright"] == "Copyright 2020 Example Post"
    assert art.extra["published_from"] == "date line"


def test_classic_without_date_line_uses_load_date():
    txt = ("1 of 1 DOCUMENT\n\nThe Example Post\n\nHeadline\n\nLENGTH: 20 words\n\n"
           "The president may visit, aides said.\n\nLOAD-DATE: June 3, 2020\n")
    art = parse_classic_text(txt)[0]
    assert (art.outlet, art.title, art.published) == ("The Example Post", "Headline", datetime(2020, 6, 3))
    assert art.extra["published_from"] == "load date"


def test_pages_that_only_look_like_exports_are_read_as_pages(tmp_path):
    page = tmp_path / "markets.html"
    page.write_text("<html><head><title>Markets</title><meta name='x' content='Data via Factiva'></head>"
                    "<body><article><h1>Shares rise on rate hopes</h1><p>Shares may rise further this "
                    "week, analysts said on Monday, as investors bet on lower interest rates.</p>"
                    "<p>The main index closed higher for a third day, led by bank stocks.</p></article>"
                    "</body></html>", encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("Meeting notes\n\nBody\n\nLength: two pages of discussion about the plan.\n\n"
                     "The committee agreed that the plan may need another review next month.\n",
                     encoding="utf-8")
    df = load_all([page, notes])
    assert df.attrs["errors"] == []
    assert set(df["format"]) <= {"html", "html-fallback", "text"}
    assert "Shares may rise further" in df.loc[df["source_path"] == str(page), "text"].iloc[0]


def load_all(paths):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mk.load_corpus(paths)


def test_factiva_table_inside_text_is_not_a_field():
    html = ("<div class='article enArticle'><table>"
            "<tr><td><b>HD</b></td><td>Results beat forecasts</td></tr>"
            "<tr><td><b>TD</b></td><td><p>Profit rose, the company said.</p>"
            "<table><tr><td>EPS</td><td>1.20</td></tr></table></td></tr>"
            "<tr><td><b>XYZ</b></td><td>an unknown bold code is kept</td></tr></table></div>")
    art = parse_factiva_html(html)[0]
    assert "eps" not in art.extra and art.extra["xyz"] == "an unknown bold code is kept"
    assert art.text == "Profit rose, the company said."


def test_factiva_parsers_reject_garbage():
    assert parse_factiva_html("<html><body><p>Nothing here</p></body></html>") == []
    with pytest.raises(FormatError):
        parse_factiva_xml(b"<unclosed>")
    assert parse_factiva_xml(b"<root><item>1</item></root>") == []


@pytest.mark.parametrize("text,expected", [
    ("March 5, 2021 Friday", datetime(2021, 3, 5)),
    ("Friday, March 5, 2021", datetime(2021, 3, 5)),
    ("March 5, 2021 Friday 10:34 PM EST", datetime(2021, 3, 5, 22, 34, tzinfo=EST)),
    ("Freitag, 5. M\u00e4rz 2021", datetime(2021, 3, 5)),
    ("5. Maerz 2021", datetime(2021, 3, 5)),
    ("05.03.2021", datetime(2021, 3, 5)),
    ("vendredi 1er mars 2021", datetime(2021, 3, 1)),
    ("3 f\u00e9vrier 2021", datetime(2021, 2, 3)),
    ("5 de marzo de 2021", datetime(2021, 3, 5)),
    ("12 Sept. 2020 14:05 GMT", datetime(2020, 9, 12, 14, 5, tzinfo=UTC)),
    ("2021-03-05T10:00:00+01:00", datetime(2021, 3, 5, 10, 0, tzinfo=timezone(timedelta(hours=1)))),
    ("20210305", datetime(2021, 3, 5)),
    ("March 2021", datetime(2021, 3, 1)),
    ("31 February 2021", None),
    ("Mayor says no", None),
    ("", None),
])
def test_export_dates(text, expected):
    assert parse_export_date(text) == expected


def test_language_codes():
    assert language_code("ENGLISH") == "en"
    assert language_code("GERMAN; DEUTSCH") == "de"
    assert language_code("Fran\u00e7ais") == "fr"
    assert language_code("Espa\u00f1ol") == "es"
    assert language_code("EN") == "en"
    assert language_code("Klingon") == "klingon"
    assert language_code("") is None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_parsers_never_crash_on_any_text(text):
    start, span = find_export_date(text)
    if span is not None:
        assert 0 <= span[0] <= span[1] <= len(text)
    for art in parse_nexis_lines(text.split("\n")) + parse_classic_text(text):
        assert isinstance(art.text, str)
    parse_factiva_html("<html><body>" + text.replace("<", " ") + "</body></html>")


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_factiva_xml_any_bytes_give_articles_or_format_error(data):
    try:
        arts = parse_factiva_xml(b"<root>" + data + b"</root>")
    except FormatError:
        return
    assert all(isinstance(a.text, str) for a in arts)
