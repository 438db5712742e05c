"""Coding sheets for people who code outside Jupyter (CSV, XLSX), and reading answers back.

A coding sheet has one row per unit: ``unit_id, position, title, before, text, after``, the
allowed answers (``choices``), and the columns the coder fills: ``answer`` and ``note``. The
tool's answer is never in it. :func:`read_coding` reads any number of returned sheets (CSV,
XLSX, or the CSV that the HTML coding page downloads), one column per coder, and joins the
sample's key (tool answer, stratum, weight) when it is given.

>>> import mediakit as mk
>>> s = mk.validation_sample(mk.load_workshop(), "hedges", n=20, seed=3)  # doctest: +SKIP
>>> s.to_csv("anna.csv", coder="anna"); s.save_key("key.csv")              # doctest: +SKIP
>>> coded = mk.read_coding(["anna.csv", "ben.csv"], key="key.csv")         # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import FormatError, InputError, SchemaError

SHEET_COLUMNS = ["unit_id", "position", "title", "before", "text", "after", "choices", "coder", "answer", "note"]
CHOICE_SEP = " | "
_CODER_NAME = re.compile(r"[^0-9A-Za-z_]+")


def coder_column(name: str) -> str:
    """``"Anna K."`` -> ``"coder_anna_k"``: the column that holds one coder's answers."""
    slug = _CODER_NAME.sub("_", str(name).strip()).strip("_").lower()
    if not slug:
        raise InputError(f"a coder needs a name made of letters or digits, got {name!r}")
    return slug if slug.startswith("coder") else f"coder_{slug}"


def sheet(sample: Any, coder: str = "") -> pd.DataFrame:
    """The coding sheet of ``sample`` as a DataFrame (what the CSV and XLSX files hold)."""
    out = sample.units.copy()
    out["choices"] = CHOICE_SEP.join(sample.categories)
    out["coder"] = coder
    out["answer"] = ""
    out["note"] = ""
    return out[SHEET_COLUMNS]


def write_csv(sample: Any, path: str | Path, coder: str = "") -> Path:
    path = Path(path)
    # utf-8-sig: Excel and LibreOffice then read accented names correctly.
    sheet(sample, coder).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def write_xlsx(sample: Any, path: str | Path, coder: str = "") -> Path:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.worksheet.datavalidation import DataValidation
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise InputError("writing .xlsx needs openpyxl: pip install openpyxl") from None
    path = Path(path)
    table = sheet(sample, coder)
    wb = Workbook()
    ws = wb.active
    ws.title = "coding"
    ws.append(list(table.columns))
    for row in table.itertuples(index=False):
        ws.append(list(row))
        for cell in ws[ws.max_row]:
            # A text that starts with "=" would be stored as a formula: keep it text, unchanged.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = {"unit_id": 14, "position": 8, "title": 24, "before": 40, "text": 70, "after": 40,
              "choices": 24, "coder": 10, "answer": 16, "note": 30}
    for j, name in enumerate(table.columns, start=1):
        letter = ws.cell(row=1, column=j).column_letter
        ws.column_dimensions[letter].width = widths[name]
        for cell in ws[letter][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    answer_col = ws.cell(row=1, column=SHEET_COLUMNS.index("answer") + 1).column_letter
    choices = ",".join(sample.categories)
    if len(choices) <= 255:  # Excel's limit for an inline list
        dv = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"{answer_col}2:{answer_col}{len(table) + 1}")
    ws.freeze_panes = "A2"
    info = wb.create_sheet("instructions")
    info.append(["Question", sample.question.text])
    info.append([])
    info.append(["Answer", "Meaning"])
    for label, meaning in sample.question.answers.items():
        info.append([label, meaning])
    info.append([])
    info.append(["How", "Write one answer per row in the 'answer' column (the drop-down lists them); "
                        "leave it empty to skip a unit. Add a note if unsure. Code the marked text ('text'); "
                        "'before' and 'after' are context only."])
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 100
    for row in info.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)
    return path


# ---------------------------------------------------------------- reading back

def read_coding(path: str | Path | Iterable[str | Path], key: Any = None, sample: Any = None) -> pd.DataFrame:
    """The coders' answers, one row per unit and one ``coder_<name>`` column per coder.

    ``path``: one file or a list (CSV, XLSX, or the CSV the HTML coding page downloads); each
    file holds one coder (``coder`` and ``answer`` columns) or several (``coder_*`` columns).
    ``key`` (the file from ``sample.save_key``, or its DataFrame) or ``sample`` adds the tool's
    answer (``tool``), ``group``, ``stratum`` and ``weight``: the table :func:`mediakit.agreement`
    and :func:`mediakit.correct_shares` take. Empty answers are missing (NaN), never dropped.

    >>> import mediakit as mk
    >>> coded = mk.read_coding(mk.bundled_path("workshop", "validation_coding_example.csv"))
    >>> [c for c in coded.columns if c.startswith("coder")]
    ['coder_a', 'coder_b']
    """
    paths = [path] if isinstance(path, str | Path) else list(path)
    if not paths:
        raise InputError("read_coding needs at least one file")
    merged: pd.DataFrame | None = None
    choices: list[str] = []
    for p in paths:
        part, part_choices = _read_one(Path(p))
        for c in part_choices:
            if c not in choices:
                choices.append(c)
        if merged is None:
            merged = part
            continue
        clash = [c for c in part.columns if c.startswith("coder") and c in merged.columns]
        if clash:
            raise InputError(f"{p}: coder column(s) {clash} already read from another file; "
                             "give each coder a different name")
        extra = [c for c in part.columns if c not in merged.columns or c == "unit_id"]
        merged = merged.merge(part[extra], on="unit_id", how="outer")
    assert merged is not None
    if sample is not None:
        key = sample.key
        choices = list(sample.categories)
    if key is not None:
        merged = _join_key(merged, _as_key(key))
    coders = [c for c in merged.columns if c.startswith("coder")]
    if choices:
        _check_answers(merged, coders, choices)
    merged.attrs["categories"] = choices
    return merged.reset_index(drop=True)


def _read_one(path: Path) -> tuple[pd.DataFrame, list[str]]:
    if not path.is_file():
        raise InputError(f"no such coding file: {path}")
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            table = pd.read_excel(path, sheet_name=0, dtype=str, engine="openpyxl")
        elif suffix in (".csv", ".txt", ".tsv"):
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                                sep="\t" if suffix == ".tsv" else ",")
        else:
            raise FormatError(f"{path}: read_coding reads .csv, .tsv and .xlsx files, not {suffix or 'no suffix'}")
    except (ValueError, OSError, UnicodeDecodeError) as e:
        if isinstance(e, FormatError):
            raise
        raise FormatError(f"{path}: cannot read the coding file ({e})") from e
    table = table.fillna("")
    table.columns = [str(c).strip() for c in table.columns]
    if "unit_id" not in table.columns:
        raise SchemaError(f"{path}: a coding file needs a 'unit_id' column (columns: {', '.join(table.columns)})")
    table["unit_id"] = table["unit_id"].str.strip()
    table = table[table["unit_id"] != ""]
    dup = table["unit_id"][table["unit_id"].duplicated()]
    if len(dup):
        raise InputError(f"{path}: unit {dup.iloc[0]!r} appears more than once")
    choices = []
    if "choices" in table.columns and len(table):
        choices = [c.strip() for c in str(table["choices"].iloc[0]).split(CHOICE_SEP.strip()) if c.strip()]
    keep = ["unit_id", *[c for c in ("text",) if c in table.columns]]
    wide = [c for c in table.columns if c.startswith("coder") and c != "coder"]
    if "answer" in table.columns:
        names = sorted({n.strip() for n in table.get("coder", pd.Series(dtype=str)) if n.strip()})
        if len(names) > 1:
            raise InputError(f"{path}: one sheet holds answers of several coders ({', '.join(names)}); "
                             "use one file per coder or coder_<name> columns")
        col = coder_column(names[0] if names else path.stem)
        out = table[keep].copy()
        out[col] = table["answer"]
        if "note" in table.columns:
            out[f"note_{col.removeprefix('coder_')}"] = table["note"]
    elif wide:
        out = table[keep + wide].copy()
    else:
        raise SchemaError(f"{path}: no answers found: expected an 'answer' column or columns named coder_<name>")
    for c in out.columns:
        if c.startswith("coder"):
            out[c] = out[c].str.strip().replace("", pd.NA)
    return out, choices


def _as_key(key: Any) -> pd.DataFrame:
    if isinstance(key, str | Path):
        # keep_default_na=False: an answer such as "NA" or "None" is a label, not a missing value.
        key = pd.read_csv(key, dtype=str, keep_default_na=False)
        if "weight" in key.columns:
            key["weight"] = pd.to_numeric(key["weight"], errors="raise")
    if hasattr(key, "key") and isinstance(key.key, pd.DataFrame):
        key = key.key
    if not isinstance(key, pd.DataFrame) or "unit_id" not in key.columns or "tool" not in key.columns:
        raise SchemaError("key must be a sample's key (unit_id, tool, ...): sample.key or the file of sample.save_key")
    return key


def _join_key(coded: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    unknown = sorted(set(coded["unit_id"]) - set(key["unit_id"]))
    if unknown:
        raise InputError(f"{len(unknown)} coded unit(s) are not in the sample's key (first: {unknown[0]!r}); "
                         "is this the key of the sample these files were made from?")
    cols = [c for c in ("unit_id", "doc_id", "group", "tool", "stratum", "weight") if c in key.columns]
    out = key[cols].merge(coded.drop(columns=[c for c in cols if c != "unit_id" and c in coded.columns]),
                          on="unit_id", how="left")
    return out


def _check_answers(table: pd.DataFrame, coders: list[str], choices: list[str]) -> None:
    lower = {c.lower(): c for c in choices}
    for col in coders:
        values = table[col].dropna().astype(str)
        mapped = values.str.lower().map(lower)
        bad = sorted(set(values[mapped.isna()]))
        if bad:
            raise InputError(f"{col}: answer(s) {bad[:5]} are not among the choices ({', '.join(choices)})")
        table.loc[mapped.index, col] = mapped
