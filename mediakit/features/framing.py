"""Frames: lexicon indicators for the 15 Media Frames Corpus dimensions, and a trainable classifier.

:func:`score_frames` counts team-written cue words for each frame of the Media Frames Corpus
codebook (Boydstun et al. 2014) and reports hits per 1,000 words. These are *indicators of
vocabulary*, not frame codes: a text about a court case scores high on ``legality`` whatever
its argument. For frame codes, train :class:`FrameClassifier` on articles or sentences that
people coded with your own codebook.

>>> import mediakit as mk
>>> s = mk.score_frames("The tax cut will cost billions and hurt jobs, critics said.")
>>> bool(s["economic"] > 0)
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from ..lexicons.dictionary import PhraseMatcher, normalized_words, read_bundled_table, tokenize
from ..text.doc import Document
from .corpus_input import iter_texts, score_table

FRAME_KEYS: tuple[str, ...] = (
    "economic",
    "capacity_resources",
    "morality",
    "fairness_equality",
    "legality",
    "policy",
    "crime_punishment",
    "security_defense",
    "health_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation",
    "other",
)


def _load_codebook() -> pd.DataFrame:
    import yaml

    text = resources.files("mediakit.lexicons").joinpath("frames_codebook.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    table = pd.DataFrame(data["frames"], columns=["key", "name", "definition"])
    cues = frame_cues()
    table["n_cues"] = [len(cues.get(k, [])) for k in table["key"]]
    table["source"] = data["source"]
    return table


@lru_cache(maxsize=1)
def frame_cues() -> dict[str, list[str]]:
    """The bundled cue lexicon: ``{frame key: [cue, ...]}`` (frames_cues.tsv)."""
    out: dict[str, list[str]] = {k: [] for k in FRAME_KEYS}
    for row in read_bundled_table("frames_cues.tsv"):
        if row["frame"] not in out:
            raise InputError(f"frames_cues.tsv: unknown frame {row['frame']!r}")
        out[row["frame"]].append(row["cue"])
    return out


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher:
    return PhraseMatcher(frame_cues())


def _scorer(matcher: PhraseMatcher, keys: tuple[str, ...]):
    def values(doc: Document) -> list[float]:
        words = doc.memo("normalized_words", lambda d: normalized_words(d.text))  # once per document
        counts = matcher.count(words)
        n = len(words)
        return [1000.0 * counts.get(k, 0) / n if n else 0.0 for k in keys]

    def score(doc: Document) -> pd.Series:
        return pd.Series(values(doc), index=list(keys), dtype=float)

    # reads the shared Document; on a corpus one table is built, not one Series per article
    score.takes_document, score.values, score.columns = True, values, list(keys)
    return score


def score_frames(
    text: Any, text_column: str = "text", cues: Any = None, language: str | None = None
) -> pd.Series | pd.DataFrame:
    """Frame cue hits per 1,000 words for each Media Frames Corpus dimension.

    A ``str`` gives a Series indexed by frame key (order: ``mk.FRAMES``); a Series of texts or
    a corpus DataFrame gives one row per article with ``doc_id`` first. ``other`` has no cues
    and is always 0. An empty text scores 0 everywhere. ``cues`` replaces the bundled lexicon
    with your own (anything :func:`mediakit.load_dictionary` reads: ``{frame: [cue, ...]}``, a
    YAML/CSV/.dic path); the columns are then your frames, in your order. ``text`` may be a
    :class:`~mediakit.text.doc.Document`; ``language`` is "en" (other languages raise an error).

    >>> import mediakit as mk
    >>> bool(mk.score_frames("Police arrested two suspects after the shooting.")["crime_punishment"] > 0)
    True
    """
    if cues is None:
        scorer = _scorer(_matcher(), FRAME_KEYS)
    else:
        from ..lexicons.dictionary import load_dictionary

        own = load_dictionary(cues)
        scorer = _scorer(PhraseMatcher(own), tuple(own))
    return score_table(scorer, text, text_column=text_column, language=language)


def frame_hits(text: str, cues: Any = None) -> pd.DataFrame:
    """Which cue matched where: one row per hit (start, end, text, cue, frame) — for auditing scores."""
    if not isinstance(text, str):
        raise InputError(f"frame_hits takes one text (a str), got {type(text).__name__}")
    tokens = tokenize(text)
    rows = []
    if cues is None:
        matcher = _matcher()
    else:
        from ..lexicons.dictionary import load_dictionary

        matcher = PhraseMatcher(load_dictionary(cues))
    for m in matcher.find(tokens):
        start, end = tokens[m.first][1], tokens[m.last - 1][2]
        rows.append({"start": start, "end": end, "text": text[start:end], "cue": m.entry, "frame": m.label})
    out = pd.DataFrame(rows, columns=["start", "end", "text", "cue", "frame"])
    return out.sort_values(["start", "frame"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Trainable classifier

try:  # scikit-learn is a core dependency, but import it lazily-friendly for the class body
    from sklearn.base import BaseEstimator, ClassifierMixin
except ImportError:  # pragma: no cover
    BaseEstimator = object  # type: ignore[misc,assignment]
    ClassifierMixin = object  # type: ignore[misc,assignment]


def _as_texts(X: Any, text_column: str = "text") -> list[str]:
    if isinstance(X, str):
        raise InputError("FrameClassifier expects a list, Series or DataFrame of texts, not one string")
    if isinstance(X, pd.DataFrame | pd.Series):
        return [t for _, t in iter_texts(X, text_column)]
    try:
        texts = list(X)
    except TypeError:
        raise InputError(f"FrameClassifier expects texts, got {type(X).__name__}") from None
    for t in texts:
        if not isinstance(t, str):
            raise InputError(f"every text must be a str, found {type(t).__name__}: {str(t)[:40]!r}")
    return texts


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """TF-IDF + one-vs-rest logistic regression for frame codes you annotated yourself.

    Labels can be anything (the MFC frame keys, your own codebook). Works on articles or
    sentences. ``cross_validate`` reports per-frame precision and recall; ``explain`` lists the
    terms that pushed a text towards a frame. If each label is a list/tuple/set of frames (a
    text may carry several, or none), the classifier is multi-label: ``predict`` returns a tuple
    of frames per text (those with probability >= ``threshold``) and ``predict_proba`` one
    independent probability per frame.

    >>> import mediakit as mk
    >>> texts = ["taxes and jobs", "the court ruled", "budget and wages", "judges and lawsuits"] * 3
    >>> labels = ["economic", "legality", "economic", "legality"] * 3
    >>> clf = mk.FrameClassifier().fit(texts, labels)
    >>> clf.predict(["a new tax on wages"]).tolist()
    ['economic']
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 1,
        max_features: int | None = 50000,
        sublinear_tf: bool = True,
        stop_words: str | list[str] | None = "english",
        C: float = 4.0,
        class_weight: str | dict | None = "balanced",
        threshold: float = 0.5,
        text_column: str = "text",
    ):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.stop_words = stop_words
        self.C = C
        self.class_weight = class_weight
        self.threshold = threshold
        self.text_column = text_column

    def build_vectorizer(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        from ..text.tokens import WORD_RE

        return TfidfVectorizer(
            token_pattern=WORD_RE.pattern,
            ngram_range=tuple(self.ngram_range),
            min_df=self.min_df,
            max_features=self.max_features,
            sublinear_tf=self.sublinear_tf,
            stop_words=self.stop_words,
        )

    def build_model(self):
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier

        return OneVsRestClassifier(
            LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000, solver="liblinear")
        )

    def fit(self, X: Any, y: Any) -> FrameClassifier:
        texts = _as_texts(X, self.text_column)
        raw = list(y)
        if len(texts) != len(raw):
            raise InputError(f"got {len(texts)} texts but {len(raw)} labels")
        self.multilabel_ = _is_multilabel(raw)
        if self.multilabel_:
            from sklearn.preprocessing import MultiLabelBinarizer

            self.binarizer_ = MultiLabelBinarizer()
            labels = self.binarizer_.fit_transform([tuple(v) for v in raw])
            if labels.shape[1] < 1 or not ((labels.sum(axis=0) > 0) & (labels.sum(axis=0) < len(raw))).any():
                raise InputError("FrameClassifier needs at least one frame that some texts have and others lack")
        else:
            labels = np.asarray(raw, dtype=object)
            if len(set(labels.tolist())) < 2:
                raise InputError("FrameClassifier needs at least two different frame labels to learn from")
        self.vectorizer_ = self.build_vectorizer()
        try:
            features = self.vectorizer_.fit_transform(texts)
        except ValueError as exc:  # empty vocabulary
            raise InputError(f"could not build features from the texts: {exc}") from None
        self.model_ = self.build_model().fit(features, labels)
        self.classes_ = self.binarizer_.classes_ if self.multilabel_ else self.model_.classes_
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise InputError("this FrameClassifier is not fitted yet; call .fit(texts, labels) first")

    def decision_function(self, X: Any) -> np.ndarray:
        self._check_fitted()
        return self.model_.decision_function(self.vectorizer_.transform(_as_texts(X, self.text_column)))

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities per frame (columns in ``classes_`` order): normalised over frames for
        single-label data, independent per frame for multi-label data."""
        self._check_fitted()
        return self.model_.predict_proba(self.vectorizer_.transform(_as_texts(X, self.text_column)))

    def predict(self, X: Any) -> np.ndarray:
        self._check_fitted()
        features = self.vectorizer_.transform(_as_texts(X, self.text_column))
        if not self.multilabel_:
            return self.model_.predict(features)
        proba = self.model_.predict_proba(features)
        out = np.empty(proba.shape[0], dtype=object)
        for i, row in enumerate(proba):
            out[i] = tuple(str(c) for c, p in zip(self.classes_, row) if p >= self.threshold)
        return out

    def explain(self, text: str, top: int = 10, frame: str | None = None) -> pd.DataFrame:
        """Terms of ``text`` that contributed most to ``frame`` (default: the predicted frame).

        Contribution = the term's TF-IDF weight in this text times the model coefficient.
        """
        self._check_fitted()
        if not isinstance(text, str):
            raise InputError("explain() takes one text (a str)")
        vec = self.vectorizer_.transform([text])
        if frame is not None:
            target = frame
        elif self.multilabel_:
            target = self.classes_[int(np.argmax(self.predict_proba([text])[0]))]
        else:
            target = self.predict([text])[0]
        classes = list(self.classes_)
        if target not in classes:
            raise InputError(f"unknown frame {target!r}; the classifier knows {classes}")
        estimators = self.model_.estimators_
        # binary problems keep one estimator whose positive class is classes_[1]
        if len(estimators) == 1 and not self.multilabel_:
            coef = estimators[0].coef_.ravel() * (1 if target == classes[1] else -1)
        else:
            coef = estimators[classes.index(target)].coef_.ravel()
        row = vec.tocoo()
        contrib = row.data * coef[row.col]
        names = self.vectorizer_.get_feature_names_out()
        order = np.argsort(-contrib, kind="stable")[:top]
        return pd.DataFrame(
            {
                "frame": target,
                "term": [names[row.col[i]] for i in order],
                "tfidf": [float(row.data[i]) for i in order],
                "coef": [float(coef[row.col[i]]) for i in order],
                "contribution": [float(contrib[i]) for i in order],
            }
        )

    def cross_validate(self, X: Any, y: Any, cv: int = 5, seed: int = 0) -> pd.DataFrame:
        """Stratified ``cv``-fold cross-validated precision, recall, F1 and support per frame.

        The last rows, ``macro avg`` and ``accuracy``-weighted ``micro avg``, summarise.
        """
        from sklearn.base import clone
        from sklearn.metrics import precision_recall_fscore_support
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        texts = _as_texts(X, self.text_column)
        raw = list(y)
        if len(texts) != len(raw):
            raise InputError(f"got {len(texts)} texts but {len(raw)} labels")
        if _is_multilabel(raw):
            return self._cross_validate_multilabel(texts, raw, cv, seed)
        labels = np.asarray(raw, dtype=object)
        smallest = pd.Series(labels).value_counts().min()
        if smallest < cv:
            raise InputError(
                f"the rarest frame has {smallest} examples, fewer than cv={cv} folds; use a smaller cv or more data"
            )

        class _Plain(ClassifierMixin, BaseEstimator):
            # cross_val_predict needs array-like X; wrap texts in an object array
            def __init__(self, inner=None):
                self.inner = inner

            def fit(self, Xa, ya):
                self.inner_ = clone(self.inner).fit(list(Xa), ya)
                self.classes_ = self.inner_.classes_
                return self

            def predict(self, Xa):
                return self.inner_.predict(list(Xa))

        folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=seed)
        pred = cross_val_predict(_Plain(self), np.asarray(texts, dtype=object), labels, cv=folds)
        classes = sorted(set(labels.tolist()))
        p, r, f, s = precision_recall_fscore_support(labels, pred, labels=classes, zero_division=0)
        out = pd.DataFrame({"frame": classes, "precision": p, "recall": r, "f1": f, "support": s})
        mp, mr, mf, _ = precision_recall_fscore_support(labels, pred, average="macro", zero_division=0)
        up, ur, uf, _ = precision_recall_fscore_support(labels, pred, average="micro", zero_division=0)
        summary = pd.DataFrame(
            {
                "frame": ["macro avg", "micro avg"],
                "precision": [mp, up],
                "recall": [mr, ur],
                "f1": [mf, uf],
                "support": [len(labels), len(labels)],
            }
        )
        return pd.concat([out, summary], ignore_index=True)


    def _cross_validate_multilabel(self, texts: list[str], raw: list[Any], cv: int, seed: int) -> pd.DataFrame:
        from sklearn.base import clone
        from sklearn.metrics import precision_recall_fscore_support
        from sklearn.model_selection import KFold
        from sklearn.preprocessing import MultiLabelBinarizer

        if len(texts) < cv:
            raise InputError(f"cross-validation with cv={cv} needs at least {cv} texts")
        mlb = MultiLabelBinarizer().fit([tuple(v) for v in raw])
        truth = mlb.transform([tuple(v) for v in raw])
        pred = np.zeros_like(truth)
        arr = np.asarray(texts, dtype=object)
        for train, test in KFold(n_splits=cv, shuffle=True, random_state=seed).split(arr):
            model = clone(self).fit(list(arr[train]), [raw[i] for i in train])
            got = model.predict(list(arr[test]))
            for row, frames in zip(test, got):
                for f in frames:
                    if f in mlb.classes_:
                        pred[row, list(mlb.classes_).index(f)] = 1
        p, r, f, s = precision_recall_fscore_support(truth, pred, zero_division=0)
        out = pd.DataFrame({"frame": list(mlb.classes_), "precision": p, "recall": r, "f1": f, "support": s})
        rows = []
        for avg in ("macro", "micro"):
            ap, ar, af, _ = precision_recall_fscore_support(truth, pred, average=avg, zero_division=0)
            rows.append({"frame": f"{avg} avg", "precision": ap, "recall": ar, "f1": af, "support": int(truth.sum())})
        return pd.concat([out, pd.DataFrame(rows)], ignore_index=True)


def _is_multilabel(labels: list[Any]) -> bool:
    kinds = {isinstance(v, list | tuple | set | frozenset) for v in labels}
    if kinds == {True}:
        return True
    if True in kinds:
        raise InputError("labels must be all single frames or all collections of frames, not a mix")
    return False


def __getattr__(name: str) -> Any:
    if name == "FRAMES":
        return _codebook_cached()
    raise AttributeError(name)


@lru_cache(maxsize=1)
def _codebook_cached() -> pd.DataFrame:
    return _load_codebook()
