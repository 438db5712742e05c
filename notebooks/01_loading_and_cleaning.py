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
# # Loading and cleaning: from messy saved pages to a corpus
#
# Researchers rarely get clean articles. They copy and paste pages, save HTML, export tables.
# This notebook loads the **bundled sample pages** (saved copies of workshop articles with menus,
# "Read also" lists, share buttons and footers) — or your own pages, set `corpus` below — and
# shows what was kept and what was removed.

# %% tags=["parameters"]
corpus = "workshop-pages"
output_dir = "figures"

# %%
from pathlib import Path

import pandas as pd

import mediakit as mk

Path(output_dir).mkdir(parents=True, exist_ok=True)
pages = mk.load_sample_pages() if corpus == "workshop-pages" else None
df = mk.load_dataset(corpus)
# pages read from files have a source_path; a table (CSV, JSONL, a dataset) has no pages to clean
from_pages = "source_path" in df.columns and df["source_path"].notna().any()
if not from_pages:
    print("This corpus was read from a table, not from saved pages: there is no page cleaning to "
          "show, so the sections below say so and skip.")
df[[c for c in ("source_path", "outlet", "title", "author", "published", "words", "boilerplate_lines")
    if c in df.columns]]

# %% [markdown]
# ## One page, before and after
# `mk.load_article` returns an `Article`. Its `text` is the body only; every removed line is kept
# in `boilerplate`, so nothing disappears silently. Repairs (encoding, mojibake, look-alike
# letters) are listed in `repairs`.

# %%
if from_pages:
    first = Path(df["source_path"].dropna().iloc[0])
    art = mk.load_article(first)
    print("TITLE: ", art.title)
    print("AUTHOR:", art.author, "| OUTLET:", art.outlet, "| DATE:", art.published)
    print("\n--- body (first 600 characters) ---\n", art.text[:600])
    print("\n--- removed lines (first 12) ---")
    for line in art.boilerplate[:12]:
        print("  ", line)
else:
    print("No saved page to show (the corpus is a table).")

# %% [markdown]
# ## What the cleaner kept and removed, page by page
# For each page: the words kept in the article body and the words removed as page furniture
# (menus, link lists, share buttons, footers), named by title and outlet. At most 30 pages are
# drawn (each is read again to count what was removed).

# %%
if from_pages:
    paths = df["source_path"].dropna().tolist()[:30]
    title = None if len(df) <= 30 else f"What the cleaner kept and removed: the first 30 of {len(df):,} pages"
    fig = mk.viz.cleaning_summary([mk.load_article(p) for p in paths], title=title)
    mk.viz.save(fig, Path(output_dir) / "01_cleaned_pages.png")
else:
    print("No saved pages: the cleaning figure is skipped.")

# %% [markdown]
# ## Bad input is reported, not dropped
# A folder with a broken file still loads; failures are listed in `df.attrs["errors"]`.

# %%
import tempfile
import warnings

tmp = Path(tempfile.mkdtemp())
for p in (pages or [])[:3]:
    (tmp / p.name).write_bytes(p.read_bytes())
(tmp / "empty.html").write_bytes(b"")
(tmp / "notes.xyz").write_text("not an article")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loaded = mk.load_corpus(tmp)
print(len(loaded), "articles loaded")
pd.DataFrame(loaded.attrs["errors"])

# %% [markdown]
# ## How accurate is the cleaner?
# Measured on the development third of the Scrapinghub article-extraction benchmark (59 pages,
# 41 sites; body F1 with the benchmark's own shingle metric): see `docs/loading.md` and
# `docs/accuracy.md` for the numbers and the command that produced them. From HTML, mediakit uses
# trafilatura; from plain text (copy-paste), its own line classifier. Where it fails: pages whose
# article is split into many short one-sentence lines (live blogs, photo galleries) and pages where
# the related-headline list is written in full sentences.
