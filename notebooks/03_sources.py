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
# # Cited sources: who gets to speak
#
# `mk.find_sources` finds every attribution — direct quotes, indirect speech ("X said that…"),
# "according to X", mixed quotes — resolves the speaker (a later "Peskov" or "he" becomes the full
# name introduced earlier) and types the speaker: **official, expert, organization, media,
# anonymous, citizen, document, other**. When a source is cited through another outlet ("told
# Reuters"), the outlet is recorded too.

# %% tags=["parameters"]
corpus = "workshop"
output_dir = "figures"

# %%
from pathlib import Path

import mediakit as mk

Path(output_dir).mkdir(parents=True, exist_ok=True)
df = mk.load_dataset(corpus)
art = df.iloc[0]
src = mk.find_sources(art["text"])
src[["speaker", "speaker_type", "kind", "cue", "outlet"]]

# %%
mk.highlight(art["text"])

# %% [markdown]
# ## Source mix by outlet
# `mk.source_profile` summarises the attributions of each article: distinct sources, direct vs
# paraphrase, and the share of attributions of each speaker type. `mk.profile(df,
# measures=["sources"])` runs both steps and keeps articles that cite nobody (their shares are
# undefined, not zero).

# %%
sp = mk.profile(df, measures=["sources"])
sp.groupby("outlet")[["n_sources", "share_direct", "share_official", "share_expert",
                      "share_citizen", "share_anonymous"]].mean().round(2)

# %%
fig = mk.viz.source_composition(sp, by="outlet")
mk.viz.save(fig, Path(output_dir) / "03_source_types_by_outlet.png")

# %% [markdown]
# ## Anonymous sourcing
# The share of anonymous attributions ("officials said", "a source close to…") per outlet, with
# bootstrap intervals and a permutation test against all other outlets.

# %%
cmp = mk.compare(sp, by="outlet", measures=["share_anonymous", "share_official", "share_citizen"])
cmp.round(3)

# %% [markdown]
# ## Where it fails
# Scored against PolNeAR, a human-annotated corpus of attributions in US political news (see
# `docs/sources.md` and `docs/accuracy.md`). The finder is rule-based: it does well on "said"
# attributions and quotes, less well on beliefs and intentions that PolNeAR also counts as
# attributions ("wants", "called for"), and speaker types come from role words near the name —
# a person introduced without a role is typed "other".
