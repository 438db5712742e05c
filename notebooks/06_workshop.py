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
# # Workshop: reading outlets with numbers (two hours)
#
# For a teaching session with journalism or communication students. The corpus is the bundled
# **workshop corpus**: 8 fictional news events, each covered by 5 fictional outlets with distinct
# house styles (a wire service, a state-aligned outlet, a tabloid, a policy outlet, a local paper).
# The outlets were *written* to differ — see `datasets/README.md` — so the exercises have answers.
# Nothing here is evidence about real media.
#
# **Plan.** 1. Explore (20 min) · 2. Hedging (25 min) · 3. Sources (25 min) · 4. Word choice
# (20 min) · 5. Same story, different outlets (20 min) · Discussion: what would you need to make
# these claims about real outlets?
#
# Answers are hidden under "Show answer"; try first.

# %% tags=["parameters"]
corpus = "workshop"
output_dir = "figures"

# %%
from pathlib import Path

import mediakit as mk

Path(output_dir).mkdir(parents=True, exist_ok=True)
df = mk.load_dataset(corpus)
df.groupby("outlet").size()

# %% [markdown]
# ## 1. Explore
# Pick an event and two outlets; switch the hedge, booster and source layers on and off.
# Hover a highlighted phrase to see what it is and who said it.

# %%
explorer = mk.explore(df)
explorer

# %% [markdown]
# ## 2. Hedging
# **Exercise.** Which outlet hedges most *in its own voice* (outside quotes)? Which boosts most?
# Is the difference larger than the uncertainty (look at the intervals)?
#
# <details><summary>Show answer</summary>
#
# ```python
# prof = mk.profile(df)
# mk.compare(prof, by="outlet", measures=["author_hedges_per_1k", "author_boosters_per_1k"])
# ```
# The Policy Ledger hedges most in its own voice; The Daily Flare and Valdoria Today boost most.
# The wire service hedges little in its own voice but attributes uncertainty to others
# ("reportedly", "according to").
# </details>

# %%
prof = mk.profile(df)
# your code here

# %% [markdown]
# ## 3. Sources
# **Exercise.** Which outlet relies most on anonymous sources? Which quotes citizens? Find three
# anonymous attributions in the tabloid and read them in context.
#
# <details><summary>Show answer</summary>
#
# ```python
# prof.groupby("outlet")[["share_anonymous", "share_citizen", "share_official"]].mean()
# flare = df[df["outlet"] == "The Daily Flare"]
# s = mk.find_sources(flare)
# s[s["speaker_type"] == "anonymous"][["doc_id", "speaker", "cue"]].head(3)
# ```
# The Daily Flare leads on anonymous sources, the Millbrook Courier on citizens, Valdoria Today
# on officials (of one side only).
# </details>

# %%
# your code here

# %% [markdown]
# ## 4. Word choice
# **Exercise.** Who writes "regime" and who writes "government"? "Illegal" or "undocumented"
# migrants? Use `mk.word_choice` and then `mk.kwic` to read the contexts.
#
# <details><summary>Show answer</summary>
#
# ```python
# mk.word_choice(df, [("regime", "government"), ("illegal migrant*", "undocumented migrant*")], by="outlet")
# mk.kwic(df, "regime", by="outlet")
# ```
# Valdoria Today says "regime" about its adversary and "illegal migrants"; the Policy Ledger
# and the wire say "government" and "undocumented" or simply "migrants".
# </details>

# %%
# your code here

# %% [markdown]
# ## 5. Same story, different outlets
# **Exercise.** Pick one event. Which claims appear in several outlets, and does any outlet state
# as fact what another hedges?
#
# <details><summary>Show answer</summary>
#
# ```python
# claims = mk.align_claims(df[df["event_id"] == "e02"], by="outlet")
# mk.viz.claim_certainty(claims)
# ```
# In the drone-strike story the wire says the drone was "reportedly launched" from across the
# border; Valdoria Today states it as fact and adds "clearly a provocation".
# </details>

# %%
summary = mk.compare(prof, by="outlet", measures=["author_hedges_per_1k", "author_boosters_per_1k",
                                                  "share_anonymous", "share_citizen"])
fig = mk.viz.rates_by_outlet(summary, measures=["author_hedges_per_1k", "author_boosters_per_1k"])
mk.viz.save(fig, Path(output_dir) / "06_workshop_summary.png")

# %% [markdown]
# ## Discussion
# - The measures count words in context; how would you check that a count means what it says?
#   (Read the highlighted articles; the accuracy tables in `docs/accuracy.md` give the numbers.)
# - Eight articles per outlet is a small sample; what do the intervals tell you?
# - What would change with real outlets, where coverage differs in topic, length and genre?
