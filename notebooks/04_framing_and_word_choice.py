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
# # Framing and word choice
#
# Three lenses on how outlets tell the same stories differently:
#
# 1. **Frame cues** — how often an article uses the vocabulary of each frame dimension of the
#    Media Frames Corpus codebook (economic, security and defense, health and safety, morality…).
#    These are *indicators* from a team-written lexicon, not a trained classifier: they say which
#    vocabulary is present, not which frame a human coder would assign.
# 2. **Keyness** — which words are distinctive of one outlet against all others (log-odds ratio
#    with an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008), computed *within events*
#    so that covering different stories does not pass for framing.
# 3. **Word choice** — shares of competing labels for the same thing ("regime" vs "government").

# %% tags=["parameters"]
corpus = "workshop"
output_dir = "figures"

# %%
from pathlib import Path

import mediakit as mk

Path(output_dir).mkdir(parents=True, exist_ok=True)
df = mk.load_dataset(corpus)
frames = mk.score_frames(df).merge(df[["doc_id", "outlet"]], on="doc_id")
frames.groupby("outlet").mean(numeric_only=True).round(1)

# %%
fig = mk.viz.frame_heatmap(frames, by="outlet")
mk.viz.save(fig, Path(output_dir) / "04_frame_profile_heatmap.png")

# %% [markdown]
# ## Distinctive words per outlet
# House style is masked first (honorifics such as Mr/Sen., the outlet's own name, datelines,
# bylines) — otherwise the top "distinctive" words are just "mr" and the outlet's name.

# %%
strata = "event_id" if "event_id" in df.columns else None
key = mk.keyness(df, by="outlet", stratify=strata)
key.groupby("group").head(8)[["group", "term", "count_target", "count_reference", "score", "z"]]

# %%
target = key["group"].iloc[0]
fig = mk.viz.keyness_bars(key[key["group"] == target], n=15)
mk.viz.save(fig, Path(output_dir) / "04_keyness_one_outlet.png")

# %% [markdown]
# ## Competing labels
# Each row gives, per outlet, how often the first label was chosen out of both, with a Wilson
# 95% interval and the raw counts beside it.

# %%
pairs = [("regime", "government"), ("militants", "fighters"), ("illegal migrant*", "undocumented migrant*"),
         ("riot*", "protest*")]
mk.word_choice(df, pairs, by="outlet")

# %% [markdown]
# ## Keywords in context
# Read the words around a term before trusting a count.

# %%
mk.kwic(df, "regime", window=6, by="outlet").head(10)

# %% [markdown]
# ## Where it fails
# Frame cue rates count vocabulary: "attack" counts for security even in "a heart attack".
# Keyness finds differences in words, not in meaning; with few articles per outlet, read the
# `count_target` column before interpreting a high score. See `docs/framing_and_comparison.md`.
