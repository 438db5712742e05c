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
# 1. **Frames** — which of the 14 frame dimensions of the Media Frames Corpus codebook (economic,
#    security and defense, health and safety, morality…) each article uses: `mk.detect_frames`
#    gives a calibrated probability and a yes/no label per article and frame, with the cue
#    phrases and sentences that carried the decision. Validated figures (and where it fails)
#    are in `docs/accuracy.md`. `mk.score_frames` still gives the raw vocabulary rates.
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
if df["outlet"].isna().any():
    # kept under a visible name rather than dropped: keyness and word_choice refuse articles without a group
    print(f"{df['outlet'].isna().sum()} article(s) have no outlet name; they are grouped as '(no outlet)'.")
    df["outlet"] = df["outlet"].fillna("(no outlet)")
n_outlets = df["outlet"].nunique()
if n_outlets < 2:
    print("This corpus has one outlet only: frame shares are shown for it alone, with no outlet to "
          "compare them with.")
detected = mk.detect_frames(df)
shares = mk.viz.frame_shares(detected, df, by="outlet")
shares.pivot(index="frame", columns="group", values="share").round(2)

# %% [markdown]
# The figure shows, per outlet, the share of its articles that use each frame, with a 95 %
# interval (with a few articles per outlet the intervals are wide: read them before the dots).

# %%
if shares["n_present"].sum() == 0:
    print("Skipped: no article in this corpus uses any of the 14 frames, so the frame figure is skipped.")
else:
    fig = mk.viz.frame_share_plot(shares)
    mk.viz.save(fig, Path(output_dir) / "04_frames_by_outlet.png")

# %% [markdown]
# Why was a frame detected? Each row names the cue phrases that fired and the sentences (offsets)
# that carry most of the frame's weight.

# %%
first = df["doc_id"].iloc[0]
row = detected[(detected["doc_id"] == first) & detected["present"]]
if row.empty:
    print("The first article uses none of the frames: there are no cues to show.")
row[["frame", "probability", "cues", "evidence"]]

# %% [markdown]
# ## Distinctive words per outlet
# House style is masked first (honorifics such as Mr/Sen., the outlet's own name, datelines,
# bylines) — otherwise the top "distinctive" words are just "mr" and the outlet's name.

# %%
key = None
if n_outlets < 2:
    print("Skipped: this corpus has one outlet only, and distinctive words need another outlet to "
          "compare with, so keyness is skipped.")
else:
    strata = "event_id" if "event_id" in df.columns else None
    key = mk.keyness(df, by="outlet", stratify=strata)
    if key.empty:
        print("Skipped: no word occurs often enough to compare outlets, so keyness is skipped.")
        key = None
key_columns = ["group", "term", "count_target", "count_reference", "score", "z"]
key.groupby("group").head(8)[key_columns] if key is not None else None

# %%
if key is not None:
    from mediakit.viz.figures import function_word

    # the figure leaves function words out: draw the first named outlet that has another word
    content = key[~key["term"].astype(str).map(function_word) & (key["z"] != 0)]
    named = [g for g in dict.fromkeys(content["group"]) if g != "(no outlet)"]
    target = named[0] if named else next(iter(content["group"]), None)
    if target is None:
        print("Skipped: the distinctive words are all function words or numbers, so the keyness "
              "figure is skipped.")
    else:
        fig = mk.viz.keyness_bars(key[key["group"] == target], n=15)
        mk.viz.save(fig, Path(output_dir) / "04_keyness_one_outlet.png")

# %% [markdown]
# ## Competing labels
# Each row gives, per outlet, how often the first label was chosen out of both, with a Wilson
# 95% interval and the raw counts beside it.

# %%
pairs = [("regime", "government"), ("militants", "fighters"), ("illegal migrant*", "undocumented migrant*"),
         ("riot*", "protest*")]
choices = mk.word_choice(df, pairs, by="outlet")
if choices["total"].sum() == 0:
    print("None of these labels occurs in this corpus: every count below is 0.")
choices

# %% [markdown]
# ## Keywords in context
# Read the words around a term before trusting a count.

# %%
in_context = mk.kwic(df, "regime", window=6, by="outlet")
if in_context.empty:
    print("'regime' does not occur in this corpus.")
in_context.head(10)

# %% [markdown]
# ## Where it fails
# Frames come from weighted cue words: "attack" counts for security even in "a heart attack",
# and a frame argued without its usual vocabulary is missed. The labels were calibrated on
# climate articles and checked on sentences and headlines, not on your corpus: code a random
# sample of your articles by hand (blind to the labels) before publishing shares.
# Keyness finds differences in words, not in meaning; with few articles per outlet, read the
# `count_target` column before interpreting a high score. See `docs/framing_and_comparison.md`.
