"""BASIL, the media-bias corpus of Fan et al. (2019): :func:`load_basil` and :func:`fetch_basil`.

BASIL ("Bias Annotation Spans on the Informational Level") covers 100 news events, each
reported by Fox News, The New York Times and HuffPost (300 articles, 2010-2019). Annotators
marked *lexical* bias (loaded wording) and *informational* bias (which facts, quotes and
context a story chooses to tell) as spans, with the target of the bias, its polarity and
whether it sits in a quote.

Both functions return a :class:`BasilCorpus`, a named tuple ``(articles, spans)``:

- ``articles``: the corpus DataFrame (``doc_id, outlet, title, author, published, url, text,
  section, language, source_path``, then ``words``, ``event_id`` ...), one row per article;
- ``spans``: one row per annotated span, ``doc_id, start, end, text, bias_type, polarity ...``
  with ``start``/``end`` offsets into the article's ``text`` (or its ``title`` when
  ``field == "title"``), checked so that ``text[start:end] == spans.text``.

The release has quirks that the loader irons out: outlet codes in two cases (``fox``/``FOX``)
become "Fox News", "The New York Times", "HuffPost"; stance labels in two vocabularies
(``left``/``liberal``, ``right``/``conservative``) become ``left``/``center``/``right``; span
offsets that count from the start of one sentence become offsets into the article text that
the loader builds (sentences joined by a space, paragraphs by a blank line); annotation files
that name their event ``pair-uuid`` instead of ``triplet-uuid`` are read all the same.

Nothing is dropped silently: a file that cannot be read, an annotation without its article,
or a span whose words cannot be found in the sentence it names is listed in
``articles.attrs["errors"]`` or ``spans.attrs["errors"]`` and announced with a warning.

>>> import mediakit as mk
>>> articles, spans = mk.load_basil("BASIL/")                  # doctest: +SKIP
>>> spans.groupby(["outlet", "bias_type"]).size()               # doctest: +SKIP

Cite Fan, White, Sharma, Su, Choubey, Huang & Wang (2019), EMNLP-IJCNLP. The articles belong
to their outlets and the annotations to the authors; mediakit only reads them.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from ..caller import user_stacklevel
from ..errors import FormatError, InputError
from . import remote

CITATION = (
    "Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R. & Wang, L. (2019). "
    "In Plain Sight: Media Bias Through the Lens of Factual Reporting. EMNLP-IJCNLP 2019, "
    "6343-6349. https://github.com/launchnlp/BASIL"
)

#: The commit of github.com/launchnlp/BASIL that fetch_basil downloads (the release with the
#: corrected annotations, see its annotation_changes.txt).
COMMIT = "4fdbc4f68d5ddae648990063cb6dd11424d96222"

#: What the pinned release holds; fetch_basil refuses a download that differs.
EXPECTED_ARTICLES = 300
EXPECTED_EVENTS = 100

BASIL_DATASET = remote.RemoteDataset(
    name="basil",
    url=f"https://github.com/launchnlp/BASIL/archive/{COMMIT}.zip",
    filename=f"BASIL-{COMMIT[:7]}.zip",
    sha256=None,  # no checksum published: verified by structure, then its sha256 is recorded
    archive=True,
    min_records=EXPECTED_ARTICLES,
    max_bytes=300_000_000,
    max_files=5_000,
    citation=CITATION,
)

OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}
STANCES = {"left": "left", "liberal": "left", "center": "center", "centre": "center",
           "neutral": "center", "right": "right", "conservative": "right"}
BIAS_TYPES = {"lex": "lexical", "inf": "informational"}
POLARITIES = {"neg": "negative", "pos": "positive", "neu": "neutral"}
AIMS = {"dir": "direct", "ind_general": "indirect_general", "ind_pro": "indirect_pro",
        "ind_anti": "indirect_anti"}
FEELINGS = {"neg": "negative", "neu": "neutral", "pos": "positive",
            "str-neg": "strongly negative", "sli-neg": "slightly negative",
            "sli-pos": "slightly positive", "str-pos": "strongly positive"}

#: Columns of the spans table, in this order.
SPAN_COLUMNS = (
    "doc_id", "start", "end", "text", "bias_type", "polarity", "aim", "target", "speaker",
    "in_quote", "indirect_target", "indirect_sentiment", "notes", "field", "sentence_id",
    "paragraph_id", "sentence_start", "sentence_end", "span_id", "located", "event_id", "outlet",
)

_REQUIRED_ARTICLE_KEYS = {"uuid", "triplet-uuid", "source", "body-paragraphs"}
_SENTENCE_ID = re.compile(r"p(\d+)")


class BasilCorpus(NamedTuple):
    """BASIL as two tables: ``articles`` (one row per article) and ``spans`` (one per bias span).

    Unpacks like a pair (``articles, spans = mk.load_basil(path)``).
    """

    articles: pd.DataFrame
    spans: pd.DataFrame

    @property
    def feelings(self) -> pd.DataFrame:
        """The annotators' entity-level judgements, one row per article and entity.

        Columns ``doc_id, event_id, outlet, entity, author_feeling`` (how the annotator read
        the article's attitude to the entity) and ``annotator_feeling`` (the annotator's own
        attitude after reading it), from BASIL's ``author_feeling_*``/``you_feeling_*`` fields.
        """
        rows: list[dict[str, Any]] = []
        for rec in self.articles[["doc_id", "event_id", "outlet", "entity_feelings"]].to_dict("records"):
            for entity, (author, annotator) in json.loads(rec["entity_feelings"] or "{}").items():
                rows.append({"doc_id": rec["doc_id"], "event_id": rec["event_id"], "outlet": rec["outlet"],
                             "entity": entity, "author_feeling": author, "annotator_feeling": annotator})
        cols = ["doc_id", "event_id", "outlet", "entity", "author_feeling", "annotator_feeling"]
        return pd.DataFrame(rows, columns=cols)

    def __repr__(self) -> str:
        return (f"BasilCorpus(articles={len(self.articles)} rows, spans={len(self.spans)} rows, "
                f"errors={len(self.articles.attrs.get('errors', [])) + len(self.spans.attrs.get('errors', []))})")


# ---- reading a copy on disk ----------------------------------------------------------------

def load_basil(path: str | Path) -> BasilCorpus:
    """Read a copy of the BASIL repository: ``(articles, spans)`` with the quirks normalised.

    ``path`` is the repository folder (it holds ``articles/<year>/*.json`` and
    ``annotations/<year>/*_ann.json``) or a folder with that repository as its only
    subfolder (an unpacked GitHub archive). Use :func:`fetch_basil` to download it.

    ``articles`` columns: the corpus columns (``doc_id`` is the file name, e.g.
    ``<triplet-uuid>_2``, as BASIL's own change log names articles; ``author`` and ``section``
    are empty: BASIL has neither; ``published`` is the day, at midnight UTC), ``words``,
    ``event_id`` (BASIL's triplet uuid), ``event_title``, ``outlet_code`` (fox/nyt/hpo),
    ``uuid`` (BASIL's article uuid; empty where the release has "empty"), ``relative_stance``
    (left/center/right: the annotators' judgement of the article relative to the other two
    on its event), ``author_feeling_main_event``, ``entity_feelings`` (JSON: entity ->
    [author feeling, annotator feeling]; :attr:`BasilCorpus.feelings` gives it as a table),
    ``keywords``, ``main_entities``, ``word_count_reported``, ``annotation_notes``,
    ``n_spans``, ``n_lexical``, ``n_informational``, ``annotated``.

    ``spans`` columns: ``doc_id, start, end, text`` (``text`` = the article's
    ``text[start:end]``, or ``title[start:end]`` when ``field == "title"``), ``bias_type``
    (lexical/informational), ``polarity`` (negative/positive), ``aim`` (direct,
    indirect_general, indirect_pro, indirect_anti), ``target`` and ``speaker`` (BASIL's entity
    codes, e.g. ``Barack_Obama``, ``other_anti``), ``in_quote``, ``indirect_target``,
    ``indirect_sentiment``, ``notes``, ``field``, ``sentence_id`` and ``paragraph_id`` (0-based,
    counting every sentence of the release, empty ones included), ``sentence_start`` and
    ``sentence_end`` (BASIL's own offsets within the sentence), ``span_id`` (BASIL's id),
    ``located`` ("exact": BASIL's offsets were right; "moved": the words were found elsewhere
    in the sentence; "searched": found once elsewhere in the article), ``event_id``, ``outlet``.

    >>> import mediakit as mk
    >>> articles, spans = mk.load_basil("BASIL/")                          # doctest: +SKIP
    >>> spans.groupby(["outlet", "bias_type"]).size().unstack()            # doctest: +SKIP
    """
    root = Path(path).expanduser()
    if not root.exists():
        raise InputError(f"no such folder: {root}; call mk.fetch_basil() to download BASIL")
    if not root.is_dir():
        raise InputError(f"{root} is a file; load_basil needs the unpacked BASIL folder (with "
                         "articles/ and annotations/), or call mk.fetch_basil()")
    base = _basil_root(root)
    article_errors: list[dict[str, Any]] = []
    span_errors: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    span_rows: list[dict[str, Any]] = []
    seen_annotations: set[Path] = set()
    seen_ids: set[str] = set()
    for f in sorted((base / "articles").glob("*/*.json")):
        art = _read_json(f, article_errors)
        if art is None:
            continue
        missing = _REQUIRED_ARTICLE_KEYS - set(art)
        if missing:
            article_errors.append({"path": str(f), "error": f"not a BASIL article: no {', '.join(sorted(missing))}"})
            continue
        ann_path = base / "annotations" / f.parent.name / f"{f.stem}_ann.json"
        ann = None
        if ann_path.is_file():
            seen_annotations.add(ann_path)
            ann = _read_json(ann_path, article_errors)
        else:
            article_errors.append({"path": str(f), "error": f"no annotation file {ann_path.name}; "
                                   "the article is kept without spans"})
        doc_id = f.stem
        if doc_id in seen_ids:  # the same file name in two year folders: both kept, ids kept apart
            doc_id = f"{f.parent.name}/{f.stem}"
            article_errors.append({"path": str(f), "error": f"the file name {f.stem!r} also appears in "
                                   f"another year folder; this article's doc_id is {doc_id!r}"})
        seen_ids.add(doc_id)
        row, spans = _read_article(f, doc_id, art, ann, ann_path, article_errors, span_errors)
        rows.append(row)
        span_rows.extend(spans)
    for ann_path in sorted((base / "annotations").glob("*/*_ann.json")):
        if ann_path not in seen_annotations:
            article_errors.append({"path": str(ann_path), "error": "annotation file without an article "
                                   f"({ann_path.name[:-9]}.json); its spans are not loaded"})
    if not rows:
        raise InputError(f"{base}: no BASIL articles could be read (articles/<year>/*.json); "
                         + "; ".join(e["error"] for e in article_errors[:3]))
    articles = _article_frame(rows, article_errors)
    spans = pd.DataFrame(span_rows, columns=list(SPAN_COLUMNS))
    for col in ("start", "end", "sentence_id", "paragraph_id", "sentence_start", "sentence_end"):
        spans[col] = pd.array(spans[col].tolist(), dtype="Int64")
    spans["in_quote"] = spans["in_quote"].astype("boolean")
    spans.attrs["errors"] = span_errors
    spans.attrs["citation"] = CITATION
    _warn(article_errors, "BASIL file problem(s)", "articles.attrs['errors']")
    _warn(span_errors, "BASIL span(s) could not be placed in the text and are left out", "spans.attrs['errors']")
    return BasilCorpus(articles, spans)


def _basil_root(root: Path) -> Path:
    try:
        base = remote._find_dir(root, "articles")
    except remote.DatasetError as e:
        raise InputError(f"{root} is not a BASIL folder: it has no articles/ folder (directly or one "
                         "level down); call mk.fetch_basil() to download BASIL") from e
    if not (base / "annotations").is_dir():
        raise InputError(f"{base} has articles/ but no annotations/ folder; it is not a complete copy "
                         "of BASIL")
    return base


def _read_json(path: Path, errors: list[dict[str, Any]]) -> dict[str, Any] | None:
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        errors.append({"path": str(path), "error": f"not readable JSON: {type(e).__name__}: {e}"})
        return None
    if not isinstance(obj, dict):
        errors.append({"path": str(path), "error": f"expected a JSON object, found {type(obj).__name__}"})
        return None
    return obj


def _text_field(value: Any) -> str:
    """One sentence or title as text: NFC (the corpus convention), never None."""
    if not isinstance(value, str):
        return "" if value is None else str(value)
    return unicodedata.normalize("NFC", value)


class _Layout(NamedTuple):
    text: str
    # per sentence (BASIL numbering): raw sentence, offset of its first kept character in
    # `text` (None if empty), how many leading characters were stripped, paragraph index
    sentences: list[tuple[str, int | None, int, int]]


def _layout(paragraphs: Any) -> _Layout:
    """The article text from BASIL's paragraphs of sentences, remembering where each sentence went.

    Sentences are joined by one space and paragraphs by one blank line, the corpus convention;
    sentences are stripped because the release pads most of them with a trailing space.
    """
    if not isinstance(paragraphs, list):
        paragraphs = [paragraphs]
    parts: list[str] = []
    pos = 0
    sentences: list[tuple[str, int | None, int, int]] = []
    for p_id, para in enumerate(paragraphs):
        sents = para if isinstance(para, list) else [para]
        started = False
        for raw in sents:
            s = _text_field(raw)
            kept = s.strip()
            if not kept:
                sentences.append((s, None, 0, p_id))
                continue
            sep = (" " if started else ("\n\n" if parts else ""))
            parts.append(sep + kept)
            pos += len(sep)
            sentences.append((s, pos, len(s) - len(s.lstrip()), p_id))
            pos += len(kept)
            started = True
    return _Layout("".join(parts), sentences)


def _read_article(f: Path, doc_id: str, art: dict[str, Any], ann: dict[str, Any] | None, ann_path: Path,
                  article_errors: list[dict[str, Any]], span_errors: list[dict[str, Any]]
                  ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    # doc_id is the file name, not BASIL's uuid: four articles of the release share the uuid "empty".
    uuid = str(art["uuid"]).strip()
    uuid = None if uuid.lower() in ("", "empty", "none", "null") else uuid
    event_id = str(art["triplet-uuid"])
    code = str(art.get("source") or "").strip().lower()
    outlet = OUTLETS.get(code)
    if outlet is None:
        article_errors.append({"path": str(f), "error": f"unknown outlet code {art.get('source')!r}; "
                               "kept as the outlet name"})
        outlet = str(art.get("source") or "") or None
    title = _text_field(art.get("title"))
    layout = _layout(art.get("body-paragraphs") or [])
    article_level: dict[str, Any] = {}
    phrases: list[Any] = []
    if ann is not None:
        # The release names the event "triplet-uuid" in most annotation files, "pair-uuid" in some.
        ann_event = ann.get("triplet-uuid", ann.get("pair-uuid"))
        if str(ann.get("uuid")) != str(art["uuid"]) or (ann_event is not None and str(ann_event) != event_id):
            article_errors.append({"path": str(ann_path), "error": f"annotation is for article "
                                   f"{ann.get('uuid')!r} / event {ann_event!r}, not {art['uuid']!r} / "
                                   f"{event_id!r}; its spans are not loaded"})
        else:
            article_level = ann.get("article-level-annotations") or {}
            phrases = ann.get("phrase-level-annotations") or []
            if not isinstance(article_level, dict) or not isinstance(phrases, list):
                article_errors.append({"path": str(ann_path), "error": "annotation fields have the wrong "
                                       "type; its spans are not loaded"})
                article_level, phrases = {}, []
    spans = []
    for i, phrase in enumerate(phrases):
        span = _place_span(phrase, layout, title, doc_id, span_errors, ann_path, i)
        if span is not None:
            span.update(event_id=event_id, outlet=outlet)
            spans.append(span)
    stance_raw = article_level.get("relative_stance")
    stance = STANCES.get(str(stance_raw).strip().lower()) if stance_raw not in (None, "") else None
    if stance_raw not in (None, "") and stance is None:
        article_errors.append({"path": str(ann_path), "error": f"unknown relative_stance {stance_raw!r}; "
                               "left empty"})
    feelings: dict[str, list[str | None]] = {}
    for key, value in article_level.items():
        for prefix, slot in (("author_feeling_", 0), ("you_feeling_", 1)):
            if key.startswith(prefix) and key != "author_feeling_main_event":
                entity = key[len(prefix):].replace("_", " ")
                feelings.setdefault(entity, [None, None])[slot] = _label(FEELINGS, value)
    entities = art.get("main-entities")
    word_count = art.get("word-count")
    row = {
        "doc_id": doc_id, "outlet": outlet, "title": title or None, "author": None,
        "published": _str(art.get("date")), "url": _str(art.get("url")), "text": layout.text,
        "section": None, "language": "en", "source_path": str(f),
        "event_id": event_id, "event_title": _str(art.get("main-event")), "outlet_code": code or None,
        "uuid": uuid,
        "relative_stance": stance,
        "author_feeling_main_event": _label(FEELINGS, article_level.get("author_feeling_main_event")),
        "entity_feelings": json.dumps(feelings, ensure_ascii=False) if feelings else None,
        "keywords": _str(art.get("keywords")),
        "main_entities": "; ".join(map(str, entities)) if isinstance(entities, list) and entities else None,
        "word_count_reported": word_count if isinstance(word_count, int) and not isinstance(word_count, bool) else None,
        "annotation_notes": _str(article_level.get("notes")),
        "n_spans": len(spans),
        "n_lexical": sum(s["bias_type"] == "lexical" for s in spans),
        "n_informational": sum(s["bias_type"] == "informational" for s in spans),
        "annotated": ann is not None and bool(article_level or phrases),
    }
    return row, spans


def _place_span(phrase: Any, layout: _Layout, title: str, doc_id: str, errors: list[dict[str, Any]],
                ann_path: Path, index: int) -> dict[str, Any] | None:
    """One BASIL span with offsets into the article text (or title), or None after reporting why."""
    def fail(reason: str) -> None:
        errors.append({"path": str(ann_path), "doc_id": doc_id, "span_id": span_id, "index": index,
                       "text": words, "error": reason})

    if not isinstance(phrase, dict):
        span_id, words = None, None
        fail(f"annotation item {index} is not an object")
        return None
    span_id = str(phrase.get("id", "")) or None
    words = _text_field(phrase.get("txt"))
    s_start, s_end = _int_or_none(phrase.get("start")), _int_or_none(phrase.get("end"))
    if not words.strip():
        fail("the span has no text")
        return None
    field = "title" if span_id == "title" else "text"
    sentence_id = paragraph_id = None
    if field == "title":
        whole, located = title, _locate(title, 0, 0, len(title), words, s_start, s_end)
    else:
        m = _SENTENCE_ID.fullmatch(span_id or "")
        whole = layout.text
        if m is None or int(m.group(1)) >= len(layout.sentences):
            located = _search(layout.text, words)
            if located is None:
                n = len(layout.sentences)
                fail(f"span id {span_id!r} names no sentence of the article (it has {n}), and its words "
                     "are not found exactly once in the text")
                return None
        else:
            sentence_id = int(m.group(1))
            raw, offset, lead, paragraph_id = layout.sentences[sentence_id]
            located = None if offset is None else _locate(layout.text, offset, lead, len(raw.strip()),
                                                          words, s_start, s_end)
            if located is None:
                located = _search(layout.text, words)
            if located is None:
                fail(f"the words are not in sentence {sentence_id} (nor exactly once elsewhere in the article)")
                return None
    start, end, how = located
    if field == "text" and sentence_id is not None and how == "searched":
        sentence_id = paragraph_id = None  # found outside the sentence BASIL named
    if whole[start:end] != words.strip():
        fail("the located text does not match the span")  # a bug guard: should never happen
        return None
    return {
        "doc_id": doc_id, "start": start, "end": end, "text": whole[start:end],
        "bias_type": _label(BIAS_TYPES, phrase.get("bias")),
        "polarity": _label(POLARITIES, phrase.get("polarity")),
        "aim": _label(AIMS, phrase.get("aim")),
        "target": _str(phrase.get("target")),
        "speaker": _str(phrase.get("speaker")),
        "in_quote": {"yes": True, "no": False}.get(str(phrase.get("quote")).strip().lower()),
        "indirect_target": _str(phrase.get("indirect-target-name")),
        "indirect_sentiment": _label(POLARITIES, phrase.get("indirect-ally-opponent-sentiment")),
        "notes": _str(phrase.get("notes")),
        "field": field, "sentence_id": sentence_id, "paragraph_id": paragraph_id,
        "sentence_start": s_start, "sentence_end": s_end, "span_id": span_id, "located": how,
    }


def _str(value: Any) -> str | None:
    """A text field of the release as a string; None when empty (other JSON types become text)."""
    if isinstance(value, str):
        return value.strip() or None
    if value is None or (isinstance(value, (list, dict)) and not value):
        return None
    return json.dumps(value, ensure_ascii=False)


def _label(mapping: dict[str, str], value: Any) -> str | None:
    """A coded label spelled out (``neg`` -> ``negative``); unknown codes are kept as they are."""
    text = _str(value)
    return None if text is None else mapping.get(text, text)


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _locate(text: str, offset: int, lead: int, length: int, words: str, s_start: int | None,
            s_end: int | None) -> tuple[int, int, str] | None:
    """Where the span's words are, given a sentence of ``length`` placed at ``offset`` in ``text``.

    ``lead`` leading characters of the sentence were stripped when the text was built, so
    BASIL's sentence offsets shift by ``offset - lead``. The words must match exactly; a span
    whose offsets are off is looked for in the same sentence, nearest to where BASIL put it.
    """
    target = words.strip()
    shift = offset - lead
    if s_start is not None and s_end is not None and 0 <= s_start <= s_end:
        # leading/trailing spaces of the span fall on the space we stripped, or the one we joined
        a = shift + s_start + (len(words) - len(words.lstrip()))
        if a >= 0 and text[a:a + len(target)] == target:
            return a, a + len(target), "exact"
    sentence = text[offset:offset + length]
    hits = [m.start() for m in re.finditer(re.escape(target), sentence)]
    if not hits:
        return None
    want = (s_start or 0) - lead
    best = min(hits, key=lambda h: (abs(h - want), h))
    return offset + best, offset + best + len(target), "moved"


def _search(text: str, words: str) -> tuple[int, int, str] | None:
    target = words.strip()
    first = text.find(target)
    if first < 0 or text.find(target, first + 1) >= 0:
        return None  # absent, or ambiguous: better reported than guessed
    return first, first + len(target), "searched"


def _article_frame(rows: list[dict[str, Any]], errors: list[dict[str, Any]]) -> pd.DataFrame:
    from ..article import order_columns
    from ..text.tokens import count_words

    df = pd.DataFrame(rows)
    df = order_columns(df)
    df.insert(df.columns.get_loc("source_path") + 1, "words", [count_words(t) for t in df["text"].tolist()])
    df = df.sort_values(["event_id", "outlet_code", "doc_id"], kind="stable").reset_index(drop=True)
    df["word_count_reported"] = pd.array(df["word_count_reported"].tolist(), dtype="Int64")
    df["format"] = "basil"
    df.attrs["errors"] = errors
    df.attrs["citation"] = CITATION
    return df


def _warn(errors: list[dict[str, Any]], what: str, where: str) -> None:
    if not errors:
        return
    shown = "; ".join(f"{Path(e['path']).name}: {e['error']}" for e in errors[:3])
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    warnings.warn(f"{len(errors)} {what}: {shown}{more}. See {where}.", stacklevel=user_stacklevel())


# ---- downloading ---------------------------------------------------------------------------

def fetch_basil(data_home: str | Path | None = None, download_if_missing: bool = True) -> BasilCorpus:
    """Download BASIL once into the user cache, verify it, and load it with :func:`load_basil`.

    The archive of github.com/launchnlp/BASIL at commit ``4fdbc4f6`` (the second release, with
    corrected annotations) is saved in :func:`mediakit.get_data_home` (``$MEDIAKIT_DATA`` or
    the platform cache folder) under ``basil/``, extracted safely (no member may leave the
    folder; links and oversized archives are refused), and checked: 300 articles and 300
    annotation files on 100 events, each covered by all three outlets. No checksum is
    published, so the archive's sha256 is recorded after the first good check and later
    loads refuse a changed file. ``download_if_missing=False`` only reads the cache.

    >>> import mediakit as mk
    >>> articles, spans = mk.fetch_basil()                       # doctest: +SKIP
    >>> articles.groupby("outlet").relative_stance.value_counts()  # doctest: +SKIP
    """
    ds = BASIL_DATASET
    archive = remote.get_data_home(data_home) / ds.name / ds.filename
    try:
        folder = remote.fetch_folder(ds, data_home, download_if_missing)
    except FormatError as e:
        # an archive that cannot be extracted safely is never worth keeping
        remote._discard(archive)
        raise remote.DatasetError(f"the BASIL download could not be extracted safely: {e}; it was "
                                  "removed from the cache") from e
    try:
        base = remote._find_dir(folder, "articles")
        _check_structure(base)
    except remote.DatasetError as e:
        # A cache that fails the check would fail forever: remove it so the next call downloads again.
        shutil.rmtree(folder, ignore_errors=True)
        remote._discard(archive)
        raise remote.DatasetError(f"{e} The download was removed from the cache; call fetch_basil() "
                                  "again to download it afresh.") from e
    corpus = load_basil(base)
    remote._verified(ds, corpus.articles, archive)
    corpus.articles.attrs["source"] = ds.url
    return corpus


def _check_structure(base: Path) -> None:
    """Refuse a folder that is not the pinned BASIL release (counts, fields, triplets)."""
    articles = sorted((base / "articles").glob("*/*.json"))
    annotations = sorted((base / "annotations").glob("*/*_ann.json")) if (base / "annotations").is_dir() else []
    problems = []
    if len(articles) != EXPECTED_ARTICLES:
        problems.append(f"{len(articles)} article files instead of {EXPECTED_ARTICLES}")
    if len(annotations) != EXPECTED_ARTICLES:
        problems.append(f"{len(annotations)} annotation files instead of {EXPECTED_ARTICLES}")
    events: dict[str, set[str]] = {}
    for f in articles:
        try:
            art = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            problems.append(f"{f.name} is not readable JSON")
            continue
        if not isinstance(art, dict) or not set(art) >= _REQUIRED_ARTICLE_KEYS:
            problems.append(f"{f.name} lacks the BASIL article fields")
            continue
        events.setdefault(str(art["triplet-uuid"]), set()).add(str(art["source"]).lower())
    for f in annotations[:: max(1, len(annotations) // 20)]:  # a sample: all are read by load_basil
        try:
            ann = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            problems.append(f"{f.name} is not readable JSON")
            continue
        if not isinstance(ann, dict) or not {"uuid", "phrase-level-annotations"} <= set(ann):
            problems.append(f"{f.name} lacks the BASIL annotation fields")
    if len(events) != EXPECTED_EVENTS:
        problems.append(f"{len(events)} events instead of {EXPECTED_EVENTS}")
    incomplete = [e for e, outlets in events.items() if outlets != set(OUTLETS)]
    if incomplete:
        problems.append(f"{len(incomplete)} event(s) without exactly Fox News, NYT and HuffPost")
    if problems:
        count = Counter(problems)
        listed = "; ".join(p if n == 1 else f"{p} (x{n})" for p, n in list(count.items())[:5])
        raise remote.DatasetError(f"{base} is not the pinned BASIL release ({COMMIT[:7]}): {listed}.")
