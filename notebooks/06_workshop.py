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
if df["outlet"].isna().any():
    # kept under a visible name rather than dropped: compare refuses articles without a group
    print(f"{df['outlet'].isna().sum()} article(s) have no outlet name; they are grouped as '(no outlet)'.")
    df["outlet"] = df["outlet"].fillna("(no outlet)")
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
# **Exercise.** Which outlet hedges most *in its own voice* (outside quotes: the
# `author_*` columns; `hedges_per_1k` counts all voices, `quoted_*` the quoted ones)? Which
# boosts most?
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

# %% [markdown]
# ## Summary
# The four measures of the exercises side by side: hedges and boosters in the outlet's own voice
# (per 1,000 words) and the shares of anonymous and citizen sources (of the attributions of the
# articles that cite someone). `n` counts articles.

# %%
summary_measures = ["author_hedges_per_1k", "author_boosters_per_1k", "share_anonymous", "share_citizen"]
if df["outlet"].nunique() < 2:
    print("This corpus has one outlet only: there is nothing to compare, so the summary is skipped.")
else:
    summary = mk.compare(prof, by="outlet", measures=summary_measures)
    fig = mk.viz.rates_by_outlet(summary, measures=summary_measures)
    mk.viz.save(fig, Path(output_dir) / "06_workshop_summary.png")

# %% [markdown]
# ## Discussion
# - The measures count words in context; how would you check that a count means what it says?
#   (Read the highlighted articles; the accuracy tables in `docs/accuracy.md` give the numbers.)
# - Eight articles per outlet is a small sample; what do the intervals tell you?
# - What would change with real outlets, where coverage differs in topic, length and genre?

# %% [markdown]
# ## Extra: validate on your own data (20 minutes)
# The first discussion question has a practical answer: code a sample yourself and compare.
# `07_validate_on_your_data` draws 80 sentences stratified by outlet, lets you code them blind
# (a widget, an offline HTML page or a spreadsheet), measures agreement with the tool (precision,
# recall, kappa, alpha) and corrects the outlet comparison for the errors it finds. Design advice
# for a real study: `docs/validation.md`.
