"""Agreement between the tool and coders, and between coders, with bootstrap intervals.

For every pair of raters (the tool and each coder, each two coders): units coded by both,
percent agreement, Cohen's kappa and Krippendorff's alpha (nominal; computed by the
``krippendorff`` package). For the tool against each coder and against the reference (one
coder, or the coders' majority): precision, recall and F1 per category. Intervals are
percentile bootstrap intervals over units, resampled within the sample's strata. Where the
sample carries inverse-probability weights (``weight``, from :func:`mediakit.validation_sample`),
precision, recall and F1 are estimates for the whole corpus; kappa and alpha describe the
sample itself, as is usual.

>>> import pandas as pd, mediakit as mk
>>> coded = pd.DataFrame({"tool": ["hedge", "none", "hedge", "none"],
...                       "coder_a": ["hedge", "none", "none", "none"]})
>>> round(float(mk.agreement(coded, n_boot=0).pairs["kappa"].iloc[0]), 2)
0.5
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, SchemaError

MAJORITY = "majority"
# Below these counts an interval is too wide to say much; the result says so in plain words.
SMALL_PAIR = 30
SMALL_CATEGORY = 10


@dataclass
class Agreement:
    """The result of :func:`mediakit.agreement` (tables as DataFrames, notes as text)."""

    pairs: pd.DataFrame
    categories: pd.DataFrame
    coders_alpha: dict[str, float]
    coded: pd.DataFrame
    reference: str | None
    labels: list[str]
    n_boot: int
    ci: float
    weighted: bool
    notes: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        lines = [f"Agreement: {len(self.coded)} units, raters {', '.join(self._raters())}"
                 f" (reference: {self.reference or 'none'})"]
        for r in self.pairs.itertuples():
            lines.append(f"  {r.a} vs {r.b}: n={r.n}, agreement {r.agreement:.2f}, "
                         f"kappa {_fmt_ci(r.kappa, r.kappa_low, r.kappa_high)}, "
                         f"alpha {_fmt_ci(r.alpha, r.alpha_low, r.alpha_high)}")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _raters(self) -> list[str]:
        return [c for c in self.coded.columns if c == "tool" or c.startswith("coder")]

    def table(self, format: str = "markdown", digits: int = 2) -> str:
        """A table for a paper's appendix: ``"markdown"``, ``"latex"`` or ``"html"``."""
        rows = self.appendix(digits)
        if format == "markdown":
            head = "| " + " | ".join(rows.columns) + " |"
            rule = "|" + "|".join("---" for _ in rows.columns) + "|"
            body = ["| " + " | ".join(str(v).replace("|", "\\|") for v in r) + " |"
                    for r in rows.itertuples(index=False)]
            return "\n".join([head, rule, *body, "", self._caption()])
        if format == "latex":
            def tex(v: Any) -> str:
                return str(v).replace("\\", r"\textbackslash{}").replace("_", r"\_").replace("&", r"\&") \
                    .replace("%", r"\%").replace("–", "--")
            spec = "l" * 3 + "r" * (len(rows.columns) - 3)
            lines = [r"\begin{table}[ht]", r"\centering", rf"\begin{{tabular}}{{{spec}}}", r"\hline",
                     " & ".join(tex(c) for c in rows.columns) + r" \\", r"\hline"]
            lines += [" & ".join(tex(v) for v in r) + r" \\" for r in rows.itertuples(index=False)]
            lines += [r"\hline", r"\end{tabular}", rf"\caption{{{tex(self._caption())}}}", r"\end{table}"]
            return "\n".join(lines)
        if format == "html":
            return rows.to_html(index=False, escape=True) + f"<p>{html.escape(self._caption())}</p>"
        raise InputError(f"format must be 'markdown', 'latex' or 'html', got {format!r}")

    def appendix(self, digits: int = 2) -> pd.DataFrame:
        """The appendix table as a DataFrame: one row per pair, then one per category."""
        out = []
        for r in self.pairs.itertuples():
            out.append({"comparison": f"{r.a} vs {r.b}", "category": "(all)", "statistic": "Cohen's kappa",
                        "n": r.n, "value": _fmt_ci(r.kappa, r.kappa_low, r.kappa_high, digits)})
            out.append({"comparison": f"{r.a} vs {r.b}", "category": "(all)", "statistic": "Krippendorff's alpha",
                        "n": r.n, "value": _fmt_ci(r.alpha, r.alpha_low, r.alpha_high, digits)})
        for name, a in self.coders_alpha.items():
            out.append({"comparison": name, "category": "(all)", "statistic": "Krippendorff's alpha",
                        "n": a["n"], "value": _fmt_ci(a["alpha"], a["low"], a["high"], digits)})
        cats = self.categories
        if self.reference is not None and len(cats):
            cats = cats[cats["rater"] == self.reference]
        # categories nobody used (neither the tool nor the reference) have nothing to report
        cats = cats[(cats["n_tool"] > 0) | (cats["n_reference"] > 0)]
        for r in cats.itertuples():
            for stat in ("precision", "recall", "f1"):
                out.append({"comparison": f"tool vs {r.rater}", "category": r.category,
                            "statistic": {"f1": "F1"}.get(stat, stat), "n": r.n_reference,
                            "value": _fmt_ci(getattr(r, stat), getattr(r, f"{stat}_low"),
                                             getattr(r, f"{stat}_high"), digits)})
        return pd.DataFrame(out, columns=["comparison", "category", "statistic", "n", "value"])

    def by_group(self, column: str = "group", n_boot: int = 500, seed: int = 0) -> pd.DataFrame:
        """Precision and recall of the tool against the reference within each group (outlet).

        The corrected comparison assumes the tool errs at the same rates in every group; this is
        the check. Expect wide intervals: each group has only its share of the sample.

        >>> agree.by_group()   # doctest: +SKIP
        """
        if self.reference is None or "tool" not in self.coded.columns:
            raise InputError("by_group needs the tool and a reference coder")
        if column not in self.coded.columns:
            raise SchemaError(f"no {column!r} column in the coded table (columns: {', '.join(self.coded.columns)})")
        coders = [c for c in self.coded.columns if c.startswith("coder")]
        parts = []
        for g, part in self.coded.groupby(column, sort=True):
            res = agreement(part[["tool", *coders, *[c for c in ("weight", "stratum") if c in part]]],
                            reference=self.reference, n_boot=n_boot, seed=seed, categories=self.labels)
            cats = res.categories[res.categories["rater"] == self.reference].drop(columns="rater")
            cats = cats[(cats["n_tool"] > 0) | (cats["n_reference"] > 0)]
            parts.append(cats.assign(**{column: g}))
        if not parts:
            return pd.DataFrame()
        out = pd.concat(parts, ignore_index=True)
        return out[[column, *[c for c in out.columns if c != column]]]

    def _caption(self) -> str:
        level = int(round(self.ci * 100))
        bits = [f"{len(self.coded)} units; {level}% percentile bootstrap intervals over units "
                f"({self.n_boot} resamples, within strata)."]
        if self.weighted:
            bits.append("Precision, recall and F1 are weighted by the inverse sampling probability "
                        "(estimates for the corpus); kappa and alpha describe the sample.")
        if self.reference == MAJORITY:
            bits.append("Reference: the coders' majority answer (ties left out).")
        elif self.reference:
            bits.append(f"Reference: {self.reference}.")
        bits.append("n for precision/recall/F1 is the number of reference units in the category.")
        return " ".join(bits)

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (f"<div class='mk-agreement'><p><b>Agreement</b>: {len(self.coded)} units, "
                f"raters {html.escape(', '.join(self._raters()))}</p>"
                + self.table("html") + (f"<ul>{notes}</ul>" if notes else "") + "</div>")


def _fmt_ci(v: float, lo: float, hi: float, digits: int = 2) -> str:
    if v is None or not np.isfinite(v):
        return "n/a"
    if lo is None or not np.isfinite(lo) or not np.isfinite(hi):
        return f"{v:.{digits}f}"
    return f"{v:.{digits}f} [{lo:.{digits}f}, {hi:.{digits}f}]"


# ---------------------------------------------------------------- the statistics

def cohen_kappa(a: np.ndarray, b: np.ndarray, k: int) -> float:
    """Cohen's kappa of two integer label vectors (0..k-1), both fully observed."""
    n = len(a)
    if n == 0:
        return float("nan")
    m = np.bincount(a * k + b, minlength=k * k).reshape(k, k) / n
    po = np.trace(m)
    pe = float(m.sum(1) @ m.sum(0))
    return float("nan") if pe >= 1 else float((po - pe) / (1 - pe))


def krippendorff_alpha(matrix: np.ndarray) -> float:
    """Nominal Krippendorff's alpha of a raters x units matrix of codes (NaN = missing)."""
    import krippendorff

    values = matrix[~np.isnan(matrix)]
    if len(np.unique(values)) < 2:
        # One value everywhere: no disagreement and no variation; alpha is undefined.
        return float("nan")
    pairable = (np.sum(~np.isnan(matrix), axis=0) >= 2).sum()
    if pairable == 0:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))


def _prf(tool: np.ndarray, ref: np.ndarray, w: np.ndarray, c: int) -> tuple[float, float, float]:
    tp = w[(tool == c) & (ref == c)].sum()
    pt, pr = w[tool == c].sum(), w[ref == c].sum()
    p = tp / pt if pt > 0 else float("nan")
    r = tp / pr if pr > 0 else float("nan")
    if np.isfinite(p) and np.isfinite(r):
        f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    else:
        f = float("nan")
    return float(p), float(r), float(f)


def agreement(coded: pd.DataFrame, reference: str | None = None, n_boot: int = 1000, seed: int = 0,
              ci: float = 0.95, merge: dict[str, str] | None = None,
              categories: list[str] | None = None) -> Agreement:
    """Tool vs coders and coder vs coder: kappa, alpha, per-category precision/recall/F1.

    ``coded``: the table :func:`mediakit.read_coding` returns, or any table with one row per
    unit, a ``tool`` column and one column per coder named ``coder...``; missing answers are
    left out pair by pair. ``reference``: the coder column taken as the truth for precision and
    recall (default: the only coder, or with several the coders' ``"majority"``). ``merge``
    maps labels before anything is computed (e.g. every speaker type to ``"attribution"`` to
    validate attribution alone). ``n_boot=0`` skips the intervals.

    >>> import pandas as pd, mediakit as mk
    >>> t = pd.DataFrame({"tool": ["a", "b", "a"], "coder_1": ["a", "b", "b"], "coder_2": ["a", "b", "b"]})
    >>> mk.agreement(t, n_boot=0).reference
    'majority'
    """
    if not isinstance(coded, pd.DataFrame):
        raise InputError(f"agreement takes a DataFrame (from mk.read_coding), got {type(coded).__name__}")
    coders = [c for c in coded.columns if str(c).startswith("coder")]
    raters = (["tool"] if "tool" in coded.columns else []) + coders
    if len(raters) < 2:
        raise SchemaError("agreement needs at least two raters: a 'tool' column and coder_* columns, "
                          f"or two coder_* columns (columns: {', '.join(map(str, coded.columns))})")
    if not 0 < ci < 1:
        raise InputError(f"ci must be between 0 and 1, got {ci!r}")
    table = coded.copy()
    for c in raters:
        col = [answer_or_none(v) for v in table[c].tolist()]
        table[c] = pd.Series([merge.get(v, v) if merge and v is not None else v for v in col],
                             index=table.index, dtype=object)
    if reference is None and coders:
        reference = coders[0] if len(coders) == 1 else MAJORITY
    if reference is not None and reference != MAJORITY and reference not in coders:
        raise InputError(f"reference must be one of the coder columns {coders} or 'majority', got {reference!r}")
    if reference == MAJORITY:
        table[MAJORITY] = _majority(table[coders])
    labels = list(categories or coded.attrs.get("categories") or [])
    if merge:
        labels = list(dict.fromkeys(merge.get(v, v) for v in labels))
    seen = sorted({v for c in raters for v in table[c].dropna()})
    labels += [v for v in seen if v not in labels]
    code = {v: i for i, v in enumerate(labels)}
    cols = raters + ([MAJORITY] if reference == MAJORITY else [])
    L = np.full((len(table), len(cols)), -1, dtype=np.int64)
    for j, c in enumerate(cols):
        L[:, j] = [code[v] if v is not None else -1 for v in table[c]]
    weighted = "weight" in table.columns
    w = table["weight"].astype(float).to_numpy() if weighted else np.ones(len(table))
    strata = table["stratum"].astype(str).to_numpy() if "stratum" in table.columns else np.zeros(len(table), dtype=str)
    idx_sets = _bootstrap_indices(strata, n_boot, seed)
    k = len(labels)
    col_of = {c: j for j, c in enumerate(cols)}

    pair_rows = []
    for a, b in combinations(raters, 2):
        ja, jb = col_of[a], col_of[b]

        def pair_stats(idx: np.ndarray, ja: int = ja, jb: int = jb) -> tuple[float, float, float, int]:
            x, y = L[idx, ja], L[idx, jb]
            ok = (x >= 0) & (y >= 0)
            x, y = x[ok], y[ok]
            if len(x) == 0:
                return float("nan"), float("nan"), float("nan"), 0
            m = np.vstack([x, y]).astype(float)
            return float(np.mean(x == y)), cohen_kappa(x, y, k), krippendorff_alpha(m), len(x)

        full = np.arange(len(table))
        agree, kappa, alpha, n = pair_stats(full)
        boots = np.array([pair_stats(i)[1:3] for i in idx_sets]) if len(idx_sets) else np.empty((0, 2))
        klo, khi = _interval(boots[:, 0] if len(boots) else boots, ci)
        alo, ahi = _interval(boots[:, 1] if len(boots) else boots, ci)
        pair_rows.append({"a": a, "b": b, "n": n, "agreement": agree, "kappa": kappa, "kappa_low": klo,
                          "kappa_high": khi, "alpha": alpha, "alpha_low": alo, "alpha_high": ahi})
    pairs = pd.DataFrame(pair_rows)

    coders_alpha: dict[str, Any] = {}
    if len(coders) > 2:
        jc = [col_of[c] for c in coders]

        def multi(idx: np.ndarray) -> float:
            m = L[np.ix_(idx, jc)].T.astype(float)
            m[m < 0] = np.nan
            return krippendorff_alpha(m)

        full_alpha = multi(np.arange(len(table)))
        lo, hi = _interval(np.array([multi(i) for i in idx_sets]), ci)
        n_units = int(((L[:, jc] >= 0).sum(1) >= 2).sum())
        coders_alpha[f"all {len(coders)} coders"] = {"alpha": full_alpha, "low": lo, "high": hi, "n": n_units}

    cat_rows = []
    if "tool" in raters:
        jt = col_of["tool"]
        targets = coders + ([MAJORITY] if reference == MAJORITY else [])
        for rater in targets:
            jr = col_of[rater]
            for c_i, cat in enumerate(labels):

                def prf(idx: np.ndarray, jr: int = jr, c_i: int = c_i) -> tuple[float, float, float]:
                    t, r = L[idx, jt], L[idx, jr]
                    ok = (t >= 0) & (r >= 0)
                    return _prf(t[ok], r[ok], w[idx][ok], c_i)

                full_idx = np.arange(len(table))
                ok = (L[:, jt] >= 0) & (L[:, jr] >= 0)
                p, r, f = prf(full_idx)
                boots = np.array([prf(i) for i in idx_sets]) if len(idx_sets) else np.empty((0, 3))
                row = {"rater": rater, "category": cat, "n_tool": int(((L[:, jt] == c_i) & ok).sum()),
                       "n_reference": int(((L[:, jr] == c_i) & ok).sum()), "precision": p, "recall": r, "f1": f}
                for s_i, stat in enumerate(("precision", "recall", "f1")):
                    row[f"{stat}_low"], row[f"{stat}_high"] = _interval(boots[:, s_i] if len(boots) else boots, ci)
                cat_rows.append(row)
    cat_cols = ["rater", "category", "n_tool", "n_reference", "precision", "precision_low", "precision_high",
                "recall", "recall_low", "recall_high", "f1", "f1_low", "f1_high"]
    cats = pd.DataFrame(cat_rows, columns=cat_cols)
    notes = _notes(pairs, cats, reference, table)
    table.attrs["categories"] = labels
    return Agreement(pairs, cats, coders_alpha, table, reference, labels, int(n_boot), float(ci), weighted, notes,
                     {"merge": dict(merge) if merge else None})


def answer_or_none(value: Any) -> str | None:
    """A coder's answer as text, or None when the unit was not answered (NaN, NA, empty)."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _majority(answers: pd.DataFrame) -> pd.Series:
    """The most frequent answer per unit among the coders; ties and unanswered units are None."""
    out = []
    for row in answers.itertuples(index=False):
        vals = [v for v in row if v is not None]
        if not vals:
            out.append(None)
            continue
        counts = pd.Series(vals).value_counts()
        out.append(counts.index[0] if len(counts) == 1 or counts.iloc[0] > counts.iloc[1] else None)
    return pd.Series(out, index=answers.index, dtype=object)


def _bootstrap_indices(strata: np.ndarray, n_boot: int, seed: int) -> list[np.ndarray]:
    """Resamples of unit positions, each stratum resampled to its own size."""
    if n_boot <= 0:
        return []
    rng = np.random.default_rng(seed)
    groups = [np.flatnonzero(strata == s) for s in np.unique(strata)]
    return [np.concatenate([g[rng.integers(0, len(g), len(g))] for g in groups]) for _ in range(n_boot)]


def _interval(values: np.ndarray, ci: float) -> tuple[float, float]:
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)] if values.size else values
    if values.size < 10:
        return float("nan"), float("nan")
    tail = (1 - ci) / 2 * 100
    lo, hi = np.percentile(values, [tail, 100 - tail])
    return float(lo), float(hi)


def _notes(pairs: pd.DataFrame, cats: pd.DataFrame, reference: str | None, table: pd.DataFrame) -> list[str]:
    notes = []
    for r in pairs.itertuples():
        if r.n < SMALL_PAIR:
            notes.append(f"{r.a} vs {r.b}: only {r.n} units coded by both; the intervals are wide and a "
                         f"journal will want at least {SMALL_PAIR * 3}–{SMALL_PAIR * 7} (see docs/validation.md).")
        if r.n and r.agreement == 1:
            notes.append(f"{r.a} and {r.b} agree on all {r.n} units: a bootstrap interval cannot show "
                         f"uncertainty then; a disagreement rate up to {3 / r.n:.0%} (3/n, the 'rule of "
                         "three') is still consistent with these units.")
    if reference is not None and len(cats):
        ref = cats[cats["rater"] == reference]
        thin = ref[ref["n_reference"] < SMALL_CATEGORY]["category"].tolist()
        if thin:
            notes.append(f"categories with fewer than {SMALL_CATEGORY} reference units ({', '.join(map(str, thin))}): "
                         "their precision and recall are too uncertain to report on their own.")
    if reference == MAJORITY:
        ties = int(table[MAJORITY].isna().sum())
        if ties:
            notes.append(f"{ties} unit(s) have no majority answer (coders tied or none answered); "
                         "they are left out of precision/recall. Resolve them and add a coder_consensus column.")
    return notes
