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
# # The same story across outlets
#
# Comparisons are fair only when outlets cover the same event. `mk.align_events` groups articles
# that cover the same event (text similarity plus a date window) and adds an `event_id`. Then we
# line up the *same claim* in different outlets and compare how certain each outlet makes it —
# **certainty drift**: a claim hedged by the wire service ("may have been launched") can arrive as
# a fact in another outlet ("was launched").

# %% tags=["parameters"]
corpus = "workshop"
output_dir = "figures"
event = None  # an event_id to study; None takes the first

# %%
from pathlib import Path

import mediakit as mk

Path(output_dir).mkdir(parents=True, exist_ok=True)
df = mk.load_dataset(corpus)
aligned = mk.align_events(df.drop(columns=["event_id"], errors="ignore"))
print(aligned["event_id"].nunique(), "events found among", len(aligned), "articles")
if "event_id" in df.columns:
    # The workshop corpus carries the true events: how well did alignment recover them?
    from sklearn.metrics import adjusted_rand_score

    print("adjusted Rand index against the true events:",
          round(adjusted_rand_score(df["event_id"], aligned["event_id"]), 3))

# %% [markdown]
# ## Claims of one event, side by side
# Sentences from different outlets that state the same claim are matched by TF-IDF similarity;
# each sentence's hedges and boosters give a certainty score (boosters minus hedges in the
# sentence, in the outlet's own voice).

# %%
events = df if "event_id" in df.columns else aligned
event = event or events["event_id"].iloc[0]
one = events[events["event_id"] == event]
claims = mk.align_claims(one, by="outlet")
claims.head(12)

# %%
fig = mk.viz.claim_certainty(claims)
mk.viz.save(fig, Path(output_dir) / "05_claim_certainty.png")

# %% [markdown]
# ## Profiles within events
# Comparing outlets within the same events removes differences that come from covering
# different stories.

# %%
prof = mk.profile(events)
cmp = mk.compare(prof, by="outlet", measures=["author_hedges_per_1k", "author_boosters_per_1k",
                                              "share_anonymous", "share_official"])
cmp.round(3)

# %% [markdown]
# ## Where it fails
# Event alignment was measured on BASIL (100 real events, each covered by three US outlets; see
# `docs/framing_and_comparison.md`). Claim matching uses word overlap, so a claim reworded with
# different words is missed, and two different claims about the same actors can be matched.
