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
# # Hedging and certainty
#
# How committed is an outlet to its claims? "NATO *may* send troops" hedges; "NATO *will* send
# troops" does not; "the drone was *reportedly* launched" shields the claim behind someone else;
# "*clearly* a provocation" boosts it. `mk.find_hedges` finds every **hedge**, **booster** and
# **approximator** ("about 300", "nearly half") and says whose voice it is in: the journalist's
# own, or a quoted/reported speaker's. That distinction matters most: a cautious source quoted at
# length does not make a cautious newspaper.

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
text = df["text"].iloc[0]
cues = mk.find_hedges(text)
if cues.empty:
    print("The first article has no hedge, booster or approximator.")
cues.head(12)

# %% [markdown]
# Each row is one cue with character offsets into the text, its category and kind, whether it
# sits inside a direct quotation, and the voice. Highlighted (hover a cue for details):

# %%
mk.highlight(text)

# %% [markdown]
# ## Context decides, not the word alone

# %%
examples = [
    "Officials may announce the plan in May.",
    "The minister could not be reached for comment.",
    "The suspect appeared in court on Monday.",
    "It is not clear whether the strike was deliberate.",
    "Drivers must register by Friday.",
    "Some 300 people were evacuated, about the same as last year.",
]
for s in examples:
    found = mk.find_hedges(s)
    print(f"{s}\n   -> {list(zip(found['cue'], found['category']))}")

# %% [markdown]
# ## Rates per outlet: all voices, the outlet's own voice, quoted
# `mk.hedge_rates` counts per article per 1,000 words (the word count is beside every rate), in
# three voices: `hedges_per_1k` (all voices), `author_hedges_per_1k` (the outlet's own voice:
# quotes and reported speech left out) and `quoted_hedges_per_1k` (quoted). The comparison and
# the figure use the outlet's own voice, as everywhere in mediakit; approximators are only
# counted in all voices.

# %%
rates = mk.hedge_rates(df).merge(df[["doc_id", "outlet"]], on="doc_id")
by_outlet = rates.groupby("outlet")[["hedges_per_1k", "author_hedges_per_1k", "quoted_hedges_per_1k",
                                     "author_boosters_per_1k", "hedged_sentence_share"]].mean()
by_outlet.insert(0, "articles", rates.groupby("outlet").size())
if rates["n_hedges"].sum() + rates["n_boosters"].sum() == 0:
    print("No hedge or booster was found in this corpus: every rate below is 0.")
by_outlet.round(2)

# %%
hedge_measures = ["author_hedges_per_1k", "author_boosters_per_1k", "approximators_per_1k"]
if rates["outlet"].nunique() < 2:
    print("This corpus has one outlet only: there is nothing to compare, so the figure is skipped.")
else:
    cmp = mk.compare(rates, by="outlet", measures=hedge_measures)
    fig = mk.viz.rates_by_outlet(cmp, measures=hedge_measures)
    mk.viz.save(fig, Path(output_dir) / "02_hedging_by_outlet.png")

# %% [markdown]
# ## Where it fails
# The hedge finder is a lexicon with context rules, not a trained model. It was scored against
# human annotation of uncertainty cues (Szeged Uncertainty Corpus, news and Wikipedia parts; see
# `docs/hedging.md` and `docs/accuracy.md` for the numbers and commands). Known weaknesses:
# conditionals ("if", "would") are not counted as hedges by design; a rare hedge outside the
# lexicon is missed; speaker attribution of quoted hedges uses the nearest attribution and can
# pick the wrong speaker in long multi-speaker quotes. You can extend the lexicon:
# `mk.find_hedges(text, lexicon=mk.load_lexicon("my_words.txt", category="hedge"))`.
