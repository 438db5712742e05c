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
print(f"{len(df)} articles from {df['outlet'].nunique()} outlets, {df['words'].sum():,} words")
df[["outlet", "title", "author", "published", "words"]].head()

# %% [markdown]
# `mk.profile` measures every article: **hedges** (may, reportedly, appears to…), **boosters**
# (clearly, in fact…), both per 1,000 words and split into the journalist's own voice and quoted
# speech; **sources** (who is cited, and as what kind of source); and **frame** cue rates.

# %%
prof = mk.profile(df)
prof.head()

# %% [markdown]
# `mk.compare` gives each outlet's mean with a 95% bootstrap confidence interval, the difference
# from all other outlets, and a permutation-test p-value (adjusted for the many comparisons).

# %%
measures = ["author_hedges_per_1k", "author_boosters_per_1k", "share_anonymous"]
cmp = mk.compare(prof, by="outlet", measures=measures)
cmp.round(3)

# %%
fig = mk.viz.rates_by_outlet(cmp, measures=["author_hedges_per_1k", "author_boosters_per_1k"])
mk.viz.save(fig, Path(output_dir) / "00_hedges_boosters_by_outlet.png")

# %% [markdown]
# **Reading the figure.** Each dot is an outlet's mean rate in its own voice (quotes excluded);
# bars are 95% bootstrap intervals over articles. With 8 articles per outlet the intervals are
# wide: a difference is only worth reporting when the permutation p-value above is small.
#
# Next: `01_loading_and_cleaning` shows what the loader does to messy saved pages;
# `02_hedging` and `03_sources` open up each measure and say where it fails.
