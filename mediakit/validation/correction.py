"""Shares corrected for the tool's measured misclassification, with honest intervals.

The tool's share of units in a category (sentences with a hedge, attributions to officials,
articles in the economic frame) is biased by its errors: missed units lower it, false alarms
raise it. With error rates measured on a validation sample, the observed shares ``q`` are
corrected by inverting the misclassification matrix ``M`` (``M[t, o]`` = probability the tool
says ``o`` when the coder says ``t``): ``q = Mᵀ p``, solved for the true shares ``p``. For a
yes/no measure this is the Rogan–Gladen estimator ``(q + Sp − 1) / (Se + Sp − 1)`` (Rogan &
Gladen 1978). ``M`` is estimated with the sample's inverse-probability weights, pooled over
groups: the correction assumes the tool errs at the same rates in every group (check it with
``mk.agreement`` on each group's units when the sample allows).

Intervals carry both sources of uncertainty, draw by draw: the error rates are drawn from
their posterior given the validation sample and its design (per stratum and tool answer, a
Dirichlet over the coders' answers with a prior of total weight 1), and the articles of each
group are resampled (bootstrap), so the observed share varies as it would with other articles.

>>> import mediakit as mk
>>> s = mk.validation_sample(mk.load_workshop(), "hedges", n=40, seed=1)          # doctest: +SKIP
>>> coded = mk.read_coding("coded.csv", sample=s)                                  # doctest: +SKIP
>>> mk.correct_shares(s, coded).table                                              # doctest: +SKIP
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, SchemaError
from .agreement import MAJORITY, SMALL_CATEGORY, Agreement, _majority, answer_or_none

# Answers that mean "not flagged"; the other answer of a yes/no measure is the one plotted.
_NEGATIVE = ("none", "no", "other", "boilerplate", "absent", "false", "0")
# An interval wider than this says little about a share; the result says so.
WIDE_INTERVAL = 0.5
# When more than this fraction of resamples cannot be inverted, the correction is not reliable.
MAX_FAILED = 0.05
# Se + Sp - 1 (or the smallest singular value of M) below this: the tool is too close to chance.
MIN_INFORMATIVE = 0.1


@dataclass
class CorrectedShares:
    """The result of :func:`correct_shares`: ``table`` (one row per group and category),
    ``errors`` (the estimated misclassification matrix) and ``notes`` in plain words."""

    table: pd.DataFrame
    errors: pd.DataFrame
    notes: list[str]
    by: str
    n_validation: int
    n_boot: int
    ci: float
    failed: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)
    draws: dict[str, dict[str, np.ndarray]] = field(default_factory=dict, repr=False)

    def _category(self, category: str | None) -> str:
        """The category asked for, or the positive one of a yes/no measure."""
        if category is not None:
            return category
        if self.meta.get("positive"):
            return self.meta["positive"]
        labels = self.meta["labels"]
        rest = [c for c in labels if c not in _NEGATIVE]
        if len(labels) == 2 and len(rest) == 1:
            return rest[0]
        raise InputError(f"say which category: category= one of {', '.join(labels)}")

    def difference(self, a: str, b: str, category: str | None = None) -> pd.Series:
        """Share in group ``a`` minus share in group ``b``, as the tool sees it and corrected,
        each with its interval, and a verdict in words.

        >>> r.difference("The Policy Ledger", "Meridian Wire")   # doctest: +SKIP
        """
        cat = self._category(category)
        labels = self.meta["labels"]
        if cat not in labels:
            raise InputError(f"no category {cat!r}; choose from {', '.join(labels)}")
        for g in (a, b):
            if g not in self.draws.get("observed", {}):
                raise InputError(f"no group {g!r}; choose from {', '.join(self.draws.get('observed', {}))}")
        i = labels.index(cat)
        t = self.table.set_index(["group", "category"])
        out = {"a": a, "b": b, "category": cat}
        for kind in ("observed", "corrected"):
            out[kind] = float(t.loc[(a, cat), kind] - t.loc[(b, cat), kind])
            d = self.draws[kind][a][:, i] - self.draws[kind][b][:, i]
            out[f"{kind}_low"], out[f"{kind}_high"] = _interval(d, self.ci)
        lo, hi = out["corrected_low"], out["corrected_high"]
        if not (np.isfinite(lo) and np.isfinite(hi)):
            out["verdict"] = "no interval: the validation sample is too small to correct"
        elif lo > 0:
            out["verdict"] = f"{a} higher, also after correction"
        elif hi < 0:
            out["verdict"] = f"{a} lower, also after correction"
        else:
            out["verdict"] = "cannot tell apart after correction"
        return pd.Series(out)

    def __repr__(self) -> str:
        cols = ["group", "category", "observed", "corrected", "corrected_low", "corrected_high", "verdict"]
        body = self.table[cols].to_string(index=False, float_format=lambda v: f"{v:.3f}")
        notes = "".join(f"\nnote: {n}" for n in self.notes)
        return f"CorrectedShares by {self.by!r} ({self.n_validation} validation units)\n{body}{notes}"

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        table = self.table.to_html(index=False, escape=True, float_format=lambda v: f"{v:.3f}", na_rep="")
        return (f"<div class='mk-corrected'><p><b>Shares corrected for measured misclassification</b> "
                f"by {html.escape(self.by)}, {self.n_validation} validation units, {int(self.ci * 100)}% "
                f"bootstrap intervals ({self.n_boot} resamples)</p>{table}"
                + (f"<ul>{notes}</ul>" if notes else "") + "</div>")

    def plot(self, category: str | None = None, ax: Any = None) -> Any:
        """Observed and corrected share per group with intervals, side by side (matplotlib)."""
        import matplotlib.pyplot as plt

        t = self.table
        cat = self._category(category)
        if cat not in set(t["category"]):
            raise InputError(f"no category {cat!r}; choose from {', '.join(t['category'].unique())}")
        t = t[t["category"] == cat].reset_index(drop=True)
        if ax is None:
            fig, ax = plt.subplots(figsize=(7, 0.55 * len(t) + 1.4))
        else:
            fig = ax.figure
        y = np.arange(len(t))
        for offset, kind, color, label in ((-0.16, "observed", "#999999", "tool as is"),
                                           (0.16, "corrected", "#0072B2", "corrected for tool errors")):
            v = t[kind].to_numpy(float)
            lo, hi = t[f"{kind}_low"].to_numpy(float), t[f"{kind}_high"].to_numpy(float)
            ax.errorbar(v, y + offset, xerr=[np.clip(v - lo, 0, None), np.clip(hi - v, 0, None)], fmt="o",
                        color=color, capsize=3, label=label)
        labels = [f"{g}  (n={d} articles)" if "n_docs" in t else str(g)
                  for g, d in zip(t["group"].astype(str), t.get("n_docs", t["group"]))]
        ax.set_yticks(y, labels)
        ax.set_title(f"Share of {self.meta.get('unit', 'unit')}s coded '{cat}': tool vs corrected "
                     f"({self.n_validation} validation units)", loc="left", fontsize=10,
                     fontweight="bold")
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"share of {self.meta.get('unit', 'unit')}s: {cat} ({int(self.ci * 100)}% interval)")
        ax.legend(loc="lower right", frameon=False, fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        return fig


def correct_shares(units: Any, validation: Any, by: str = "group", reference: str | None = None,
                   n_boot: int = 2000, seed: int = 0, ci: float = 0.95) -> CorrectedShares:
    """Shares of each category per group, as the tool sees them and corrected for its errors.

    ``units``: a :class:`~mediakit.validation.sample.ValidationSample` (its ``population``: every
    unit of the corpus with the tool's answer), or any table with one row per unit, a ``tool``
    column and the ``by`` column (and ``doc_id`` to resample whole articles). ``validation``: the
    :class:`~mediakit.validation.agreement.Agreement` from :func:`mediakit.agreement`, or the coded
    table itself (``tool``, coder columns, and ``weight``/``stratum`` from the sample).
    ``reference`` picks the coder taken as the truth (default as in :func:`mediakit.agreement`).

    Each row of ``table``: ``observed`` (the tool's share) and ``corrected`` with intervals, the
    difference from all other groups (``difference``, corrected, with interval) and a
    ``verdict`` that says in words whether the sample allows a conclusion.

    >>> import pandas as pd, mediakit as mk
    >>> pop = pd.DataFrame({"group": ["a"] * 50 + ["b"] * 50, "tool": ["yes", "no"] * 50})
    >>> val = pd.DataFrame({"tool": ["yes"] * 20 + ["no"] * 20,
    ...                     "coder_1": ["yes"] * 18 + ["no"] * 2 + ["no"] * 20})
    >>> r = mk.correct_shares(pop, val, n_boot=200)
    >>> round(float(r.table.query("group == 'a' and category == 'yes'")["corrected"].iloc[0]), 2)
    0.45
    """
    if not 0 < ci < 1:
        raise InputError(f"ci must be between 0 and 1, got {ci!r}")
    population, unit_name, positive = _population(units, by)
    coded, reference, merge, labels = _validation(validation, reference)
    if merge:
        population = population.assign(tool=population["tool"].map(lambda v: merge.get(v, v)))
    labels = list(dict.fromkeys([*labels, *sorted(set(population["tool"].dropna().astype(str)))]))
    k = len(labels)
    code = {v: i for i, v in enumerate(labels)}
    ref_col = _majority(coded[[c for c in coded.columns if c.startswith("coder")]]) \
        if reference == MAJORITY else coded[reference]
    ok = coded["tool"].notna() & ref_col.notna()
    n_dropped = int((~ok).sum())
    v_tool = np.array([code[str(v)] for v in coded.loc[ok, "tool"]], dtype=np.int64)
    v_ref = np.array([code[str(v)] for v in ref_col[ok]], dtype=np.int64)
    v_w = coded.loc[ok, "weight"].astype(float).to_numpy() if "weight" in coded.columns else np.ones(len(v_tool))
    v_strata = coded.loc[ok, "stratum"].astype(str).to_numpy() if "stratum" in coded.columns \
        else np.zeros(len(v_tool), dtype=str)
    if len(v_tool) == 0:
        raise InputError("no validation unit has both a tool answer and a reference answer")

    groups = sorted(population[by].astype(str).unique())
    counts = {g: _doc_counts(population[population[by].astype(str) == g], code, k) for g in groups}
    words = ({g: float(population.loc[population[by].astype(str) == g, "words"].sum()) for g in groups}
             if "words" in population.columns else {})

    M, present = _matrix(v_tool, v_ref, v_w, k)
    q = {g: c.sum(0) / c.sum() for g, c in counts.items()}
    rest = {g: sum((counts[h].sum(0) for h in groups if h != g), np.zeros(k)) for g in groups}
    point = {g: _invert(M, present, q[g]) for g in groups}
    point_rest = {g: _invert(M, present, rest[g] / rest[g].sum()) if rest[g].sum() else None for g in groups}

    rng = np.random.default_rng(seed)
    obs_b = {g: np.full((n_boot, k), np.nan) for g in groups}
    cor_b = {g: np.full((n_boot, k), np.nan) for g in groups}
    diff_b = {g: np.full((n_boot, k), np.nan) for g in groups}
    failed_share = 0.0
    if n_boot > 0:
        Mb, pres_b = _posterior_matrices(v_tool, v_ref, v_w, v_strata, k, n_boot, rng)
        usable = _informative_batch(Mb, pres_b)
        failed_share = float(1 - usable.mean())
        inverse = np.linalg.pinv(np.transpose(Mb, (0, 2, 1)))
        sums = {g: _resampled_sums(counts[g], n_boot, rng) for g in groups}
        total = sum(sums.values())
        for g in groups:
            obs_b[g] = sums[g] / sums[g].sum(1, keepdims=True)
            cor = _normalise(np.einsum("bij,bj->bi", inverse, obs_b[g]))
            cor[~usable] = np.nan
            cor_b[g] = cor
            r = total - sums[g]
            if r.sum():
                others = _normalise(np.einsum("bij,bj->bi", inverse, r / r.sum(1, keepdims=True)))
                diff_b[g] = cor - others

    rows = []
    for g in groups:
        n_units = int(counts[g].sum())
        for i, cat in enumerate(labels):
            olo, ohi = _interval(obs_b[g][:, i], ci)
            clo, chi = _interval(cor_b[g][:, i], ci)
            dlo, dhi = _interval(diff_b[g][:, i], ci)
            diff = point[g][i] - point_rest[g][i] if point_rest[g] is not None else np.nan
            row = {"group": g, "category": cat, "n_units": n_units, "n_docs": len(counts[g]),
                   "observed": q[g][i], "observed_low": olo, "observed_high": ohi,
                   "corrected": point[g][i], "corrected_low": clo, "corrected_high": chi,
                   "difference": diff, "difference_low": dlo, "difference_high": dhi}
            if words:
                per_1k = 1000 * n_units / words[g] if words[g] else np.nan
                row["observed_per_1k_words"] = q[g][i] * per_1k
                row["corrected_per_1k_words"] = point[g][i] * per_1k
            row["verdict"] = _verdict(row, failed_share, present[i])
            rows.append(row)
    table = pd.DataFrame(rows)
    errors = _error_table(M, present, labels, v_ref, v_w)
    notes = _notes(errors, failed_share, n_dropped, table, len(v_tool), reference)
    meta = {"unit": unit_name, "positive": positive, "reference": reference, "labels": labels}
    return CorrectedShares(table, errors, notes, by, len(v_tool), int(n_boot), float(ci), failed_share, meta,
                           {"observed": obs_b, "corrected": cor_b})


# ---------------------------------------------------------------- inputs

def _population(units: Any, by: str) -> tuple[pd.DataFrame, str, str | None]:
    if hasattr(units, "population") and hasattr(units, "question"):
        pop = units.population
        positive = units.question.categories[0] if len(units.question.categories) == 2 else None
        return pop, units.question.unit, positive
    if not isinstance(units, pd.DataFrame):
        raise InputError(f"units must be a ValidationSample or a DataFrame, got {type(units).__name__}")
    missing = [c for c in ("tool", by) if c not in units.columns]
    if missing:
        raise SchemaError(f"units needs the column(s) {missing} (one row per unit of the corpus: tool, {by})")
    return units, "unit", None


def _validation(validation: Any, reference: str | None) -> tuple[pd.DataFrame, str, dict | None, list[str]]:
    if isinstance(validation, Agreement):
        coded = validation.coded
        ref = reference or validation.reference
        merge = validation.meta.get("merge") if hasattr(validation, "meta") else None
        return coded, ref, merge, list(validation.labels)
    if not isinstance(validation, pd.DataFrame):
        raise InputError(f"validation must be an Agreement or a coded DataFrame, got {type(validation).__name__}")
    coders = [c for c in validation.columns if str(c).startswith("coder")]
    if "tool" not in validation.columns or not coders:
        raise SchemaError("the coded table needs a 'tool' column and at least one coder_* column")
    coded = validation.copy()
    for c in ["tool", *coders]:
        coded[c] = pd.Series([answer_or_none(v) for v in coded[c].tolist()], index=coded.index, dtype=object)
    ref = reference or (coders[0] if len(coders) == 1 else MAJORITY)
    if ref != MAJORITY and ref not in coders:
        raise InputError(f"reference must be one of {coders} or 'majority', got {ref!r}")
    labels = list(validation.attrs.get("categories") or [])
    seen = sorted({v for c in ["tool", *coders] for v in coded[c].dropna()})
    return coded, ref, None, labels + [v for v in seen if v not in labels]


def _doc_counts(pop: pd.DataFrame, code: dict[str, int], k: int) -> np.ndarray:
    """Counts of the tool's answers per article (rows) and category (columns)."""
    cats = pop["tool"].astype(str).map(code).to_numpy()
    docs = pop["doc_id"].astype(str).to_numpy() if "doc_id" in pop.columns else np.arange(len(pop)).astype(str)
    _, inv = np.unique(docs, return_inverse=True)
    out = np.zeros((inv.max() + 1 if len(inv) else 0, k))
    np.add.at(out, (inv, cats), 1)
    return out


# ---------------------------------------------------------------- the correction

def _matrix(tool: np.ndarray, ref: np.ndarray, w: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """``M[t, o]``: weighted share of reference-``t`` units the tool called ``o``; rows with no
    reference unit are marked absent."""
    m = np.zeros((k, k))
    np.add.at(m, (ref, tool), w)
    totals = m.sum(1)
    present = totals > 0
    m[present] /= totals[present, None]
    return m, present


def _posterior_matrices(tool: np.ndarray, ref: np.ndarray, w: np.ndarray, strata: np.ndarray, k: int,
                        n_draws: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Draws of ``M`` given the validation sample, following its design.

    Inside each stratum, and for each answer ``o`` of the tool, the coders' answers are a
    multinomial sample: their shares are drawn from a Dirichlet (the counts plus a prior of
    total weight 1 over the categories coders used) and scaled by the number of corpus units
    they stand for (the weights). Summed over strata this is a draw of the joint table of
    (coder answer, tool answer) in the corpus; its rows, normalised, are ``M``.

    Why not resample the validation units: when the tool made no error on, say, 13 units, every
    resample shows no error either, and the interval pretends the error rate is known to be 0.
    The posterior keeps the uncertainty that 13 units leave.
    """
    _, present = _matrix(tool, ref, w, k)
    used = np.flatnonzero(present)
    joint = np.zeros((n_draws, k, k))
    for s in np.unique(strata):
        in_s = strata == s
        for o in np.unique(tool[in_s]):
            sel = in_s & (tool == o)
            counts = np.bincount(ref[sel], minlength=k)[used]
            shares = rng.dirichlet(counts + 1.0 / len(used), size=n_draws)
            joint[:, used, o] += w[sel].sum() * shares
    totals = joint.sum(2)
    np.divide(joint, totals[..., None], out=joint, where=totals[..., None] > 0)
    return joint, np.broadcast_to(present, (n_draws, k)).copy()


def _informative_batch(M: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Per resample: can the error matrix be inverted without blowing up the noise? For two
    categories the test is Youden's J = Se + Sp - 1 (the determinant); otherwise the smallest
    singular value among the categories the coders used."""
    n_present = present.sum(1)
    if M.shape[1] == 2:
        return (n_present == 2) & (np.linalg.det(M) >= MIN_INFORMATIVE)
    sv = np.linalg.svd(M, compute_uv=False)  # sorted, largest first; absent rows add zeros
    smallest = np.take_along_axis(sv, np.clip(n_present - 1, 0, None)[:, None], axis=1)[:, 0]
    return (n_present >= 2) & (smallest >= MIN_INFORMATIVE)


def _normalise(p: np.ndarray) -> np.ndarray:
    """Shares clipped at 0 and rescaled to sum to 1 (the last axis)."""
    p = np.clip(p, 0, None)
    total = p.sum(-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, p / total, np.nan)


def _invert(M: np.ndarray, present: np.ndarray, q: np.ndarray) -> np.ndarray:
    """True shares ``p`` with ``Mᵀ p = q``: least squares (the pseudo-inverse gives 0 to the
    categories coders never used), clipped to [0, 1] and summing to 1."""
    if present.sum() == 0:
        return np.full(len(q), np.nan)
    return _normalise(np.linalg.pinv(M.T) @ q)


def _resampled_sums(counts: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Category totals of ``n_boot`` resamples of the articles (rows of ``counts``), drawn in
    chunks so that memory stays bounded on large corpora."""
    n = len(counts)
    out = np.empty((n_boot, counts.shape[1]))
    chunk = max(1, 2_000_000 // max(n * counts.shape[1], 1))
    for lo in range(0, n_boot, chunk):
        m = min(chunk, n_boot - lo)
        out[lo:lo + m] = counts[rng.integers(0, n, size=(m, n))].sum(1)
    return out


def _interval(values: np.ndarray, ci: float) -> tuple[float, float]:
    values = values[np.isfinite(values)]
    if values.size < 10:
        return float("nan"), float("nan")
    tail = (1 - ci) / 2 * 100
    lo, hi = np.percentile(values, [tail, 100 - tail])
    return float(lo), float(hi)


def _verdict(row: dict, failed: float, present: bool) -> str:
    if not present:
        return "coders never used this category: no correction possible"
    if failed > MAX_FAILED:
        return "validation sample too small to correct"
    lo, hi = row["corrected_low"], row["corrected_high"]
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return "no interval"
    if hi - lo > WIDE_INTERVAL:
        return "interval too wide to conclude"
    dlo, dhi = row["difference_low"], row["difference_high"]
    if not np.isfinite(row["difference"]):
        return "no other group to compare with"
    if np.isfinite(dlo) and dlo > 0:
        return "higher than the other groups"
    if np.isfinite(dhi) and dhi < 0:
        return "lower than the other groups"
    return "not distinguishable from the other groups"


def _error_table(M: np.ndarray, present: np.ndarray, labels: list[str], ref: np.ndarray, w: np.ndarray) -> pd.DataFrame:
    """Per reference category: how many validation units, and the tool's hit rate on them."""
    rows = []
    for i, cat in enumerate(labels):
        rows.append({"category": cat, "n_reference": int((ref == i).sum()),
                     "tool_agrees": M[i, i] if present[i] else np.nan,
                     **{f"tool_says_{o}": M[i, j] if present[i] else np.nan for j, o in enumerate(labels)}})
    return pd.DataFrame(rows)


def _notes(errors: pd.DataFrame, failed: float, dropped: int, table: pd.DataFrame, n: int,
           reference: str) -> list[str]:
    notes = []
    if failed > MAX_FAILED:
        notes.append(f"In {failed:.0%} of the bootstrap resamples the tool's error rates could not be inverted "
                     "(the tool is too close to chance on those resamples, or a category vanished): the "
                     f"validation sample ({n} units) is too small to correct these shares. Code more units.")
    thin = errors[(errors["n_reference"] > 0) & (errors["n_reference"] < SMALL_CATEGORY)]["category"].tolist()
    if thin:
        notes.append(f"Error rates for {', '.join(thin)} rest on fewer than {SMALL_CATEGORY} validation units "
                     f"each (reference: {reference}); treat their corrected shares as rough.")
    absent = errors[errors["n_reference"] == 0]["category"].tolist()
    if absent:
        notes.append(f"Coders never chose {', '.join(absent)}: its true share is taken to be 0 and "
                     "units the tool put there are redistributed.")
    wide = table[table["verdict"] == "interval too wide to conclude"]
    if len(wide):
        notes.append(f"{len(wide)} corrected share(s) have intervals wider than {WIDE_INTERVAL:.0%}: "
                     "the sample is too small to conclude about them.")
    if dropped:
        notes.append(f"{dropped} validation unit(s) had no reference answer and were left out.")
    return notes
