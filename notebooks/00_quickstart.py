# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Quickstart: load → profile → one figure
#
# Ten cells from a corpus to a comparison of outlets. By default it runs on the bundled
# **workshop corpus** (fictional outlets written by the mediakit team for teaching — not evidence
# about real media). Set `corpus` below to a folder, a CSV/JSONL/Parquet file or a dataset name to
# run the same notebook on your own articles.

# %% tags=["parameters"]
corpus = "workshop"
output_dir = "figures"

# %%
from pathlib import Path

import mediakit as mk

Path(output_dir).mkdir(parents=True, exist_ok=True)
df = mk.load_dataset(corpus)
if df["outlet"].isna().any():
    # kept under a visible name rather than dropped: compare refuses articles without a group
    print(f"{df['outlet'].isna().sum()} article(s) have no outlet name; they are grouped as '(no outlet)'.")
    df["outlet"] = df["outlet"].fillna("(no outlet)")
n_outlets = df["outlet"].nunique()
print(f"{len(df)} article{'s' * (len(df) != 1)} from {n_outlets} outlet{'s' * (n_outlets != 1)}, {df['words'].sum():,} words")
df[["outlet", "title", "author", "published", "words"]].head()

# %% [markdown]
# `mk.profile` measures every article: **hedges** (may, reportedly, appears to…), **boosters**
# (clearly, in fact…), both per 1,000 words in three voices — **all voices**
# (`hedges_per_1k`), **the outlet's own voice** (`author_hedges_per_1k`: quotes and reported
# speech left out) and **quoted** (`quoted_hedges_per_1k`); **sources** (who is cited, and as
# what kind of source); and **frame** cue rates. mediakit compares outlets in their own voice
# by default: a cautious source quoted at length does not make a cautious newspaper.

# %%
prof = mk.profile(df)
prof.head()

# %% [markdown]
# `mk.compare` gives each outlet's mean with a 95% bootstrap confidence interval (only from 3
# articles up; `note` says "too few articles" below that), the difference from all other
# outlets, and p-values: `p_omnibus` asks whether the outlets differ at all on a measure,
# `p_adjusted` whether this outlet stands out (adjusted for the many comparisons; see
# `docs/framing_and_comparison.md`). `n` is always a number of articles.

# %%
measures = ["author_hedges_per_1k", "author_boosters_per_1k", "share_anonymous"]
if df["outlet"].nunique() < 2:
    cmp = None
    print("This corpus has one outlet only: there is nothing to compare, so the comparison and its "
          "figure are skipped.")
else:
    cmp = mk.compare(prof, by="outlet", measures=measures)
cmp.round(3) if cmp is not None else None

# %%
if cmp is not None:
    fig = mk.viz.rates_by_outlet(cmp, measures=["author_hedges_per_1k", "author_boosters_per_1k"])
    mk.viz.save(fig, Path(output_dir) / "00_hedges_boosters_by_outlet.png")

# %% [markdown]
# **Reading the figure.** Each dot is an outlet's mean rate in its own voice (quotes excluded);
# bars are 95% bootstrap intervals over articles; `n` beside each outlet counts articles. With 8
# articles per outlet the intervals are wide (and a bootstrap from fewer than 10 articles is
# rough): a difference is only worth reporting when `p_adjusted` above is small.
#
# Next: `01_loading_and_cleaning` shows what the loader does to messy saved pages;
# `02_hedging` and `03_sources` open up each measure and say where it fails.
