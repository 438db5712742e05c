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
text = df["text"].iloc[0]
cues = mk.find_hedges(text)
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
# ## Rates per outlet, own voice vs quoted speech
# `mk.hedge_rates` counts per article per 1,000 words (the word count is beside every rate).

# %%
rates = mk.hedge_rates(df).merge(df[["doc_id", "outlet"]], on="doc_id")
by_outlet = rates.groupby("outlet")[["author_hedges_per_1k", "quoted_hedges_per_1k",
                                     "author_boosters_per_1k", "hedged_sentence_share"]].mean()
by_outlet.round(2)

# %%
cmp = mk.compare(rates, by="outlet", measures=["author_hedges_per_1k", "author_boosters_per_1k",
                                               "approximators_per_1k"])
fig = mk.viz.rates_by_outlet(cmp, measures=["author_hedges_per_1k", "author_boosters_per_1k",
                                             "approximators_per_1k"])
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
