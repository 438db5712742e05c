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
# that cover the same story (a learned same-story score over headlines, leads, shared names and
# figures, within a date window) and adds an `event_id`, a `confidence` per article and an
# `event_why` (what the articles of a story share). Then we
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
if df["outlet"].isna().any():
    # kept under a visible name rather than dropped: compare refuses articles without a group
    print(f"{df['outlet'].isna().sum()} article(s) have no outlet name; they are grouped as '(no outlet)'.")
    df["outlet"] = df["outlet"].fillna("(no outlet)")
aligned = mk.align_events(df.drop(columns=["event_id"], errors="ignore"))
print(aligned["event_id"].nunique(), "stories found among", len(aligned), "articles")
if "event_id" in df.columns:
    # The workshop corpus carries the true events: how well did alignment recover them?
    from sklearn.metrics import adjusted_rand_score

    print("adjusted Rand index against the true events:",
          round(adjusted_rand_score(df["event_id"], aligned["event_id"]), 3))

# %% [markdown]
# Each story, the outlets that covered it, and what their articles share. A low `confidence`
# marks an article to check by eye before building a comparison on it.

# %%
stories = (aligned.groupby("event_id", sort=False)
           .agg(articles=("event_id", "size"), outlets=("outlet", "nunique"),
                min_confidence=("confidence", "min"), shared=("event_why", "first"))
           .sort_values(["outlets", "articles"], ascending=False, kind="stable"))
stories.head(10).round(2)

# %% [markdown]
# ## Claims of one story, side by side
# Sentences from different outlets that state the same claim are matched by TF-IDF similarity;
# each sentence's hedges and boosters give a certainty score (boosters minus hedges in the
# sentence, in the outlet's own voice). Only a story that at least two outlets covered can be
# compared.

# %%
shared_stories = stories.index[stories["outlets"] >= 2].tolist()
if event is None and shared_stories:
    event = shared_stories[0]
claims = None
if event is None:
    print("Skipped: no story here is covered by two or more outlets, so there are no claims to set "
          "side by side; the sections below compare outlets across all their articles instead.")
else:
    one = aligned[aligned["event_id"] == event]
    headline = next((t for t in one.get("title", []) if isinstance(t, str) and t.strip()), "")
    print(f"story {event}: {len(one)} articles from {one['outlet'].nunique()} outlets; "
          f"they share: {one['event_why'].iloc[0]}")
    claims = mk.align_claims(one, by="outlet")
    if claims.empty:
        print("The outlets' articles on this story share no sentence close enough to count as one claim.")
claims.head(12) if claims is not None else None

# %%
if claims is not None and not claims.empty:
    import textwrap

    # the story named by a headline (or what its articles share), not by an internal id
    story_name = textwrap.shorten(headline or one["event_why"].iloc[0], 52, placeholder=" …")
    fig = mk.viz.claim_certainty(claims, title=f"Claim certainty across outlets\n{story_name}")
    mk.viz.save(fig, Path(output_dir) / "05_claim_certainty.png")

# %% [markdown]
# ## Profiles within stories
# Comparing outlets within the same stories removes differences that come from covering
# different stories.

# %%
prof = mk.profile(aligned)
measures = ["author_hedges_per_1k", "author_boosters_per_1k", "share_anonymous", "share_official"]
if aligned["outlet"].nunique() >= 2:
    cmp = mk.compare(prof, by="outlet", measures=measures)
else:
    cmp = "Skipped: this corpus has one outlet only, so there is nothing to compare."
cmp.round(3) if hasattr(cmp, "round") else print(cmp)

# %% [markdown]
# ## Where it fails
# Story alignment was measured on AllSides roundups (short leads from over a hundred outlets,
# dates a day or two apart) and on BASIL (100 stories, three outlets, full texts); see
# `docs/accuracy.md`. Two stories about the same people in the same days can still be joined,
# and one story told with different words split: check `confidence` and `event_why`. Claim
# matching uses word overlap, so a claim reworded with different words is missed, and two
# different claims about the same actors can be matched.
