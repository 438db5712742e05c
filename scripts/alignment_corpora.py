"""The labelled corpora that train and score story alignment (read from ../shared, never copied).

Each corpus is a DataFrame with ``doc_id, outlet, title, text, published, story``. Variants:
``leads`` (first 90 words of the body), ``headlines`` (empty bodies), ``thinned`` (half the
stories cut to one article: many articles alone), ``mixed`` (BASIL with the
AllSides stories moved onto BASIL dates as distractors).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NEUS = SHARED / "eval" / "neus_dev.jsonl"
BASIL = SHARED / "datasets" / "basil"
COLUMNS = ["doc_id", "outlet", "title", "text", "published", "story"]


def load_neus(path: Path = NEUS) -> pd.DataFrame:
    d = pd.read_json(path, lines=True, dtype={"event": str, "doc_id": str})
    d["published"] = pd.to_datetime(d["date"], utc=True)
    d["story"] = "neus-" + d["event"].astype(str)
    return d[COLUMNS].reset_index(drop=True)


def load_basil_stories(path: Path = BASIL) -> pd.DataFrame:
    import mediakit as mk

    articles, _ = mk.load_basil(path)
    d = articles.assign(story="basil-" + articles["event_id"].astype(str), doc_id="basil-" + articles["doc_id"].astype(str))
    return d[COLUMNS].reset_index(drop=True)


def leads(df: pd.DataFrame, words: int = 90) -> pd.DataFrame:
    return df.assign(text=[" ".join(str(t).split()[:words]) for t in df["text"]])


def headlines(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(text="")


def thinned(df: pd.DataFrame, share: float = 0.5, seed: int = 0) -> pd.DataFrame:
    """``share`` of the stories cut to one article each (chosen with a fixed seed): a corpus in
    which many articles have no partner, so that leaving an article alone is learned and scored."""
    rng = np.random.default_rng(seed)
    stories = sorted(set(df["story"]))
    cut = set(rng.choice(stories, size=int(round(share * len(stories))), replace=False).tolist())
    keep = []
    for story, idx in df.groupby("story", sort=True).groups.items():
        idx = sorted(idx)
        keep.extend([idx[int(rng.integers(len(idx)))]] if story in cut else idx)
    return df.loc[sorted(keep)].reset_index(drop=True)


def mixed(basil: pd.DataFrame, neus: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """BASIL plus every AllSides story, each moved (keeping its spread of dates) onto the date of
    a random BASIL story, so that it competes within the date window."""
    rng = np.random.default_rng(seed)
    anchors = basil.groupby("story")["published"].min().sort_index()
    moved = []
    for _story, part in neus.groupby("story", sort=True):
        target = anchors.iloc[int(rng.integers(len(anchors)))]
        moved.append(part.assign(published=part["published"] - part["published"].min() + target))
    return pd.concat([basil, *moved], ignore_index=True)


def available() -> bool:
    return NEUS.exists() and BASIL.exists()
