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
# # Validate on your own data (20 minutes)
#
# mediakit's accuracy figures come from other corpora. A reviewer will ask: *how do you know the
# tool measures this in **your** data?* The answer is a small validation study (Grimmer & Stewart
# 2013: "validate, validate, validate"):
#
# 1. **draw** a sample of units (here: sentences), stratified by outlet;
# 2. **code** them by hand without seeing what the tool said;
# 3. **compare** the tool with the coders (precision, recall, kappa, alpha);
# 4. **correct** the outlet comparison for the errors you measured.
#
# This notebook runs on the bundled **workshop corpus** (fictional outlets written by the mediakit
# team; not evidence about real media) with codes the team wrote for 80 sentences
# (`datasets/workshop/validation_coding_example.csv`). The design advice is in `docs/validation.md`.

# %% tags=["parameters"]
corpus = "workshop"
output_dir = "figures"
measure = "hedges"
# The bundled codes belong to exactly this sample (80 sentences, seed 7, simple random within
# outlet). Change these and code your own units: set coding_files to your files.
n = 80
seed = 7
coding_files = None

# %%
from pathlib import Path

import mediakit as mk

out = Path(output_dir)
out.mkdir(parents=True, exist_ok=True)
df = mk.load_dataset(corpus)
if df["outlet"].isna().any():
    # kept under a visible name, as in the other notebooks, so that its sentences get their own stratum
    print(f"{df['outlet'].isna().sum()} article(s) have no outlet name; they are grouped as '(no outlet)'.")
    df["outlet"] = df["outlet"].fillna("(no outlet)")
sample = mk.validation_sample(df, measure, n=n, seed=seed, stratify="outlet", flagged_share=None)
sample

# %% [markdown]
# ## 1. The sample
# Every outlet gets the same number of sentences, drawn at random among *all* its sentences,
# so the sample holds sentences the tool flagged and sentences it did not: without the second kind
# you could measure precision but never recall. (For rare categories, draw with
# `flagged_share=0.5` to oversample what the tool flagged; the weights keep the estimates fair.)
# The coders see only the text; the tool's answers are kept apart in `sample.key`.

# %%
sample.units[["position", "before", "text", "after"]].head()

# %% [markdown]
# ## 2. Code blind
# Three ways, one file format. Each coder gets their own copy; nobody sees the tool's answer.
#
# - in Jupyter: `sample.coder(path, coder="you")` — one sentence at a time; click into the
#   *keys* box and type `1`/`2`; every answer is saved to `path`, and it resumes where you stopped;
# - in a browser, offline: `sample.to_html(...)` — send the file; the coder downloads a CSV;
# - in a spreadsheet: `sample.to_xlsx(...)` or `sample.to_csv(...)`.
#
# **Exercise (10 min).** Code ten sentences yourself in the widget below, then come back.

# %%
sample.to_html(out / "07_coding_page.html", coder="")
sample.to_xlsx(out / "07_coding_sheet.xlsx")
sample.save_key(out / "07_sample_key.csv")  # the tool's answers: keep this file from coders
coder = sample.coder(out / "07_my_coding.csv", coder="me")
coder

# %% [markdown]
# ## 3. Agreement
# Read the codes back (the team's two passes, plus yours if you coded all 80) and compare.
# On another corpus there are no codes until you make them: this section and section 4 say they
# are skipped until `coding_files` names your coded files.

# %%
agree = None
if coding_files is None and corpus != "workshop":
    # the bundled codes answer the workshop sample only; codes for other sentences would be invented
    print("Skipped: there are no codes for this corpus yet, so the agreement and corrected-comparison "
          "sections are skipped. To run them, code the sample drawn above blind (section 2: "
          f"{out / '07_coding_page.html'}, {out / '07_coding_sheet.xlsx'} or the widget), then set "
          "coding_files=[...] to your coded file(s) in the parameters cell and run the notebook again.")
else:
    files = coding_files or [mk.bundled_path("workshop", "validation_coding_example.csv")]
    coded = mk.read_coding(files, sample=sample)
    agree = mk.agreement(coded, n_boot=1000, seed=0)
agree

# %% [markdown]
# For the appendix of a paper, `agree.table("latex")` (or `"markdown"`) gives the same table.
# Note what the notes say: the two team passes are one person coding twice (an upper bound for
# two different people), and perfect agreement on 80 sentences still leaves room for errors
# the sample did not catch.

# %%
if agree is not None:
    print(agree.table("markdown"))

# %% [markdown]
# The correction below uses one set of error rates for all outlets. Check that assumption:
# precision and recall within each outlet (wide intervals: 16 sentences each).

# %%
group_columns = ["group", "category", "n_reference", "precision", "recall", "recall_low", "recall_high"]
agree.by_group()[group_columns].round(2) if agree is not None else None

# %% [markdown]
# ## 4. Correct the outlet comparison
# The tool's share of hedged sentences per outlet, and the same share corrected for the error
# rates measured above. The corrected intervals are wider: they carry the uncertainty of the
# 80-sentence validation, not only of the 8 articles per outlet.

# %%
corrected = mk.correct_shares(sample, agree, n_boot=2000, seed=0) if agree is not None else None
corrected

# %%
if corrected is not None:
    fig = corrected.plot(category="hedge")
    mk.viz.save(fig, out / "07_corrected_hedge_shares.png")

# %%
cols = ["group", "observed", "observed_low", "observed_high", "corrected", "corrected_low",
        "corrected_high", "verdict"]
corrected.table.query("category == 'hedge'")[cols].round(3) if corrected is not None else None

# %% [markdown]
# **Reading it.** Where the tool agreed with the coders on every sampled sentence, the corrected
# share equals the tool's share, but its interval is wider and leans toward *more* hedging:
# with only a dozen or so hedged sentences in the sample, it cannot rule out that the tool
# misses one in ten. `verdict` compares each outlet with all the others pooled; for two
# outlets, ask for their difference directly:

# %%
import pandas as pd

differences = None
if corrected is not None:
    # the workshop pairs discussed below; on another corpus, the first two outlets
    groups = sorted(corrected.table["group"].unique())
    pairs = [p for p in [("The Policy Ledger", "Meridian Wire"), ("Millbrook Courier", "Meridian Wire")]
             if set(p) <= set(groups)]
    if not pairs and len(groups) >= 2:
        pairs = [(groups[0], groups[1])]
    differences = pd.DataFrame([corrected.difference(a, b) for a, b in pairs]).round(3)
differences

# %% [markdown]
# **Exercise (5 min).** Which claims from the uncorrected comparison survive the correction?
# What would you write in the methods section?
#
# <details><summary>Show answer</summary>
#
# A template (fill in the numbers from the tables above): "We drew 80 sentences (16 per outlet,
# simple random sample within outlet, seed 7) and coded them for hedges without seeing the
# tool's output; a second blind pass by the same coder gave κ = … . Against the coders, the
# tool reached precision … and recall … on … hedged sentences (Appendix, Table A1). Outlet
# shares corrected for misclassification (Rogan–Gladen; intervals include the validation
# sample's uncertainty) …". The Policy Ledger's lead survives; whether the Millbrook Courier
# hedges more than the wire is a claim the corrected difference's interval decides. Then say
# what limits the check: the sample is small, one person coded it, and the corpus is fictional.
# </details>
