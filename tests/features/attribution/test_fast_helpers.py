"""The fast helpers of the attribution engine give exactly what the plain patterns they replace
give, on every window of random strings over the characters the patterns care about."""

from __future__ import annotations

import random
import re

import pytest

from mediakit.features.attribution import spans, speakers
from mediakit.features.attribution.lexicon import outlets
from mediakit.features.attribution.types import _outlet_regex

# characters that open, join, end or break words for these patterns (space kinds, quotes, dots)
_ALPHABET = "aAbBsSthTHe-_'’.,() \t\n\u00a0xMrD1é"


def _strings(n: int, seed: int, alphabet: str = _ALPHABET, length: int = 14):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, length)))


def _windows(text: str):
    for hi in range(len(text) + 1):
        for lo in range(hi + 1):
            yield lo, hi


def test_prev_word_is_the_search_it_replaces():
    plain = re.compile(r"(\w+(?:['’\-]\w+)*)\s*$")
    for text in _strings(400, 1):
        for lo, hi in _windows(text):
            m = plain.search(text, lo, hi)
            assert spans._prev_word(text, lo, hi) == (m.group(1) if m else None), (text, lo, hi)


def test_pre_title_is_the_search_it_replaces():
    plain = re.compile(r"(?:(?<=\s)|^)(?:[a-z][\w\-]*\s+){1,4}$")
    for text in _strings(400, 2, "ab-_1A. \t\n\u00a0é", 16):
        for lo, hi in _windows(text):
            m = plain.search(text, lo, hi)
            assert speakers._pre_title(text, lo, hi) == (m.group() if m else None), (text, lo, hi)


def test_tokens_are_the_finditer_they_replace():
    tricky = _strings(300, 31, "AUSMra.'’`- \t\n\u00a0b1_é", 16)  # capitals and dots: acronyms, honorifics
    for text in [*_strings(300, 3), *tricky, "Mr.  Smith said", "U.S. A.B.C. x", "it''s ``so''", "a \r\n b",
                 "xAB.C.D. E", "Abcd. Efg", "Abcde. F", "don’t-stop -x x- 'y'"]:
        for lo, hi in _windows(text):
            want = [(*m.span(), m[0]) for m in spans._TOKEN.finditer(text, lo, hi)]
            assert spans._tokens(text, lo, hi) == want, (text, lo, hi)


def _pieces(n: int, seed: int, k: int = 5):
    """Random words and the separators around them: titles, offices, possessives, appositives."""
    words = ["Minister", "Ann", "of", "for", "the", "CNN", "CNN's", "Lee’s", "magazine", "chief", "fire", "x", "(a"]
    seps = [" ", " ", "\t", "  ", "", ", ", ",", "\n", "'s ", "’s "]
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(0, k)))


@pytest.mark.parametrize("endings, pattern", [
    (speakers._OFFICE_END, speakers._OFFICE_OF),
    (speakers._POSS_END, speakers._OUTLET_POSSESSIVE),
])
def test_window_end_tests_pass_every_match(endings, pattern):
    found = 0
    for text in _pieces(1500, 4):
        for lo, hi in _windows(text):
            if pattern.search(text, lo, hi):
                found += 1
                assert speakers._ends_before_blanks(text, lo, hi, endings), (text, lo, hi)
    assert found > 10  # the test saw matches


def test_comma_space_test_passes_every_match():
    found = 0
    for text in _pieces(1500, 5):
        for lo, hi in _windows(text):
            if speakers._PRE_APPOSITIVE.search(text, lo, hi):
                found += 1
                assert speakers._ends_comma_space(text, lo, hi), (text, lo, hi)
    assert found > 10  # the test saw matches


def test_outlet_regex_is_the_flat_alternation():
    names = [n for n in outlets() if len(n) > 1]
    alt = "|".join(f"(?i:{re.escape(n)})" if " " in n else re.escape(n)
                   for n in sorted(names, key=len, reverse=True))
    masthead = (r"(?:The\s+)?(?:[A-Z][\w.\-&]*\s+){1,3}(?:Times|Post|News|Journal|Herald|Tribune|Gazette|"
                r"Telegraph|Chronicle|Examiner|Courier|Magazine|Radio|Television|TV)(?:-[A-Z][a-z]+)?")
    flat = re.compile(rf"(?<![\w])(?=[A-Zd])(?:{alt}|{masthead})(?![\w])")
    fast = _outlet_regex()
    probes = [" ".join(names), " ".join(n.upper() for n in names), " ".join(n.lower() for n in names),
              "-".join(names), "The Springfield Herald said", "The  The Times-Picayune", "xReuters Reuters_",
              "THE A B C D TIMES", "dpa, DPA and Dpa", "Pittsburgh Post-Gazette"]
    for text in probes:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in flat.finditer(text)], text
        for p in range(len(text)):
            a, b = fast.match(text, p), flat.match(text, p)
            assert (a and a.span()) == (b and b.span()), (text, p)


def test_seen_midsentence_is_the_set_it_replaces():
    from mediakit.text.doc import Document

    words = ["Ann", "ann", "Lee", "Lee’s", "A", "Ab-c", "U.S.", "Ann-", "X", ""]
    seps = [" ", "  ", ", ", "; ", ". ", "\n", "a ", "b, ", "x", "-", "’"]
    rng = random.Random(7)
    hits = 0
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(0, 8)))
        doc = Document(text)
        caps = spans._midsentence_caps(doc)
        for w in [*words, *caps, *text.split()]:
            assert spans._seen_midsentence(doc, w) == (w in caps), (text, w)
        hits += len(caps)
    assert hits > 500  # the texts held such words


def test_adjective_is_the_set_it_replaces():
    words = ["Ostrenia", "Ostrenian", "Ostreniané", "Lee", "Lees", "OSTRENIAN", "ostrenian", "Ab", "A", "Ostrenian2"]
    seps = [" ", "  ", " \t", ", ", ". ", "\n", "_", "-", "’s "]
    rng = random.Random(8)
    hits = 0
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(0, 8)))
        found = set(speakers._ADJECTIVE_CANDIDATE.findall(text))
        resolver = speakers.Resolver(text)
        for w in [*words, *found, *text.split()]:
            assert resolver._adjective(w) == (w in found), (text, w)
        hits += len(found)
    assert hits > 500


def test_titles_on_demand_are_the_eager_lists():
    """Descriptions worked out on demand give the first ``n`` of the list built for every
    occurrence up front, with the resolver's own additions first (newest first), whatever the
    order of the look-ups and additions."""
    words = ["Ann Lee", "Tom Hart", "Mr.", "Secretary of State", "CNN's", "spokeswoman", "said", "a", "the",
             ", a spokeswoman for the ministry,", ", 34,", "coal miners met", "Minister", "."]
    rng = random.Random(9)
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 25)))
        eager = speakers.Resolver(text)
        eager.names()
        want: dict[str, list[str]] = {}
        for m, full in speakers._person_names(text):
            title = eager._title_at(m, full)
            if title != full:
                want.setdefault(full, []).append(title)
        lazy = speakers.Resolver(text)
        lazy.names()
        names = [*want, "Ann Lee", "Tom Hart", "Nobody Here"]
        added: dict[str, list[str]] = {}
        for _ in range(12):
            name = rng.choice(names)
            if rng.random() < 0.3:
                t = rng.choice(["lawmaker x", "the spokeswoman", "Tom Hart"])
                lazy.add_title(name, t)
                added.setdefault(name, []).insert(0, t)
            n = rng.randint(0, 5)
            assert lazy.titles(name, n) == [*added.get(name, []), *want.get(name, [])][:n], (text, name, n)


def test_tokens_lower_are_the_tokens_lower_cased():
    for text in [*_strings(200, 10), "Mr. Smith SAID", "İstanbul ΑΣ’Β"]:
        for lo, hi in _windows(text):
            toks = spans._tokens(text, lo, hi)
            assert spans._tokens_lower(text, lo, hi) == (toks, [t[2].lower() for t in toks]), (text, lo, hi)


def _sentence_texts(n: int, seed: int):
    """Random texts of up to 5,000 characters built from abbreviations, initials, numbers, end
    marks, closing quotes and brackets, line and paragraph breaks."""
    from mediakit.text.sentences import _ABBREV

    rng = random.Random(seed)
    abbr = sorted(_ABBREV)
    pieces = ["Mr.", "U.S.", "J.", "No.", "e.g.", "etc.", "Inc.", "Lee", "said", "the", "A", "B.", "it", "5", "3.5",
              ".", "!", "?", "…", "\"", "”", "“", "'", "’", ")", "(", "]", "«", "»", "\n", "\n\n", " \n ", "—", ",",
              "He", "she", "x", "Ab", "CD", "ab.", "AB.", "Sen.", "p.m.", "St.", "no."]
    pieces += [a + "." for a in abbr] + [a.capitalize() + "." for a in abbr]
    seps = [" ", " ", " ", "", "\n", "  ", " \t"]
    for _ in range(n):
        yield "".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(1, 900)))[:5000]


def test_blocks_give_the_spans_of_one_call():
    """sentence_spans splits a text of up to _HARD_BLOCK characters in one call: the blocks cut
    at sure sentence ends would give the same spans."""
    from mediakit.text import sentences

    assert sentences._HARD_BLOCK == 5000
    for text in _sentence_texts(600, 11):
        assert sentences._block_spans(text) == sentences.split_sentences(text), text
        assert sentences.sentence_spans(text) == sentences.split_sentences(text)


def test_a_document_and_its_attributions_form_no_reference_cycle():
    """The attributions kept on a document do not point back at it: a document a caller drops
    is freed at once, not left to the garbage collector."""
    import gc

    from mediakit.features.attribution.pipeline import attributions
    from mediakit.text.doc import Document

    text = '"We may leave," Lee said. Officials said the bridge will close.'
    attributions(Document(text))  # the lexicons are read (and their garbage made) before counting
    gc.collect()
    gc.disable()
    try:
        doc = Document(text)
        res = attributions(doc)
        again = attributions(doc)
        assert again.doc is doc and again.spans is res.spans  # computed once, kept on the document
        del doc, res, again
        assert gc.collect() == 0
    finally:
        gc.enable()
