"""An ipywidgets coder: one unit at a time, answers by key, saved after every answer, resumable.

The coder never shows the tool's answer. It writes the same CSV as a coding sheet
(:meth:`ValidationSample.to_csv`), so :func:`mediakit.read_coding` reads it like any other
coder's file; started again on the same file, it picks up at the first unanswered unit.

Keyboard: click once into the "keys" box, then type ``1``…``9`` to answer (and move on),
``0`` to clear, ``b`` / ``f`` to go back / forward, ``u`` for the next unanswered unit.

>>> import mediakit as mk
>>> s = mk.validation_sample(mk.load_workshop(), "hedges", n=40, seed=1)  # doctest: +SKIP
>>> s.coder("coding_anna.csv", coder="anna")                               # doctest: +SKIP
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from .widgets import _widgets


def _coder_base() -> type:
    return _widgets().VBox


class Coder(_coder_base()):  # type: ignore[misc]
    """The coder widget (an ``ipywidgets.VBox``).

    Attributes a notebook (or a test) can drive: ``answer(label)``, ``move(step)``,
    ``next_unanswered()``, ``position`` (0-based), ``answers`` (unit_id -> label),
    ``keybox`` (the Text box that takes key presses), ``choice`` (ToggleButtons).
    """

    def __init__(self, sample: Any, path: str | Path, coder: str = "") -> None:
        w = _widgets()
        self.sample = sample
        self.path = Path(path)
        self.coder = coder
        self.labels = list(sample.categories)
        self.unit_ids = sample.units["unit_id"].tolist()
        self.answers: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        self._load()
        self.position = self._first_unanswered()
        self._busy = False

        question = w.HTML(f"<div style='border-left:4px solid #0072B2;padding:4px 10px;background:#f7fbfd'>"
                          f"{html.escape(sample.question.text)}</div>")
        self.progress = w.IntProgress(min=0, max=len(self.unit_ids), description="coded",
                                      layout=w.Layout(width="60%"))
        self.status = w.Label()
        self.unit = w.HTML(layout=w.Layout(border="1px solid #ddd", padding="6px 12px"))
        meanings = sample.question.answers
        self.choice = w.ToggleButtons(options=[(f"{i + 1} {lab}", lab) for i, lab in enumerate(self.labels)],
                                      value=None, tooltips=[meanings[lab] for lab in self.labels],
                                      style={"button_width": "auto"})
        self.legend = w.HTML("<small>" + " · ".join(
            f"<b>{i + 1}</b> {html.escape(lab)}: {html.escape(meanings[lab])}"
            for i, lab in enumerate(self.labels)) + "</small>")
        self.keybox = w.Text(placeholder="keys: 1-9 answer, 0 clear, b back, f forward, u next unanswered",
                           description="keys", continuous_update=True, layout=w.Layout(width="60%"))
        self.note = w.Text(placeholder="note (optional)", description="note", continuous_update=False,
                           layout=w.Layout(width="60%"))
        back, forward, open_ = (w.Button(description=d, layout=w.Layout(width="auto"))
                                for d in ("← back", "forward →", "next unanswered"))
        back.on_click(lambda _: self.move(-1))
        forward.on_click(lambda _: self.move(1))
        open_.on_click(lambda _: self.next_unanswered())
        self.choice.observe(self._on_choice, names="value")
        self.keybox.observe(self._on_key, names="value")
        self.note.observe(self._on_note, names="value")
        super().__init__([question, w.HBox([self.progress, self.status]), self.unit, self.choice, self.legend,
                          self.keybox, self.note, w.HBox([back, forward, open_])])
        self._show()

    # ---- actions
    def answer(self, label: str | None) -> None:
        """Record ``label`` (None clears) for the current unit, save, and move to the next one."""
        if label is not None and label not in self.labels:
            raise InputError(f"answer must be one of {', '.join(self.labels)}, got {label!r}")
        uid = self.unit_ids[self.position]
        if label is None:
            self.answers.pop(uid, None)
        else:
            self.answers[uid] = label
        self.save()
        if label is not None and self.position < len(self.unit_ids) - 1:
            self.position += 1
        self._show()

    def move(self, step: int) -> None:
        self.position = max(0, min(len(self.unit_ids) - 1, self.position + step))
        self._show()

    def next_unanswered(self) -> None:
        n = len(self.unit_ids)
        for i in range(1, n + 1):
            j = (self.position + i) % n
            if self.unit_ids[j] not in self.answers:
                self.position = j
                break
        self._show()

    def save(self) -> Path:
        """Write every answer so far to ``path`` (atomically: a crash never leaves half a file)."""
        from ..validation.coding_file import sheet

        table = sheet(self.sample, self.coder)
        table["answer"] = [self.answers.get(u, "") for u in self.unit_ids]
        table["note"] = [self.notes.get(u, "") for u in self.unit_ids]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".coding-", suffix=".csv")
        os.close(fd)
        table.to_csv(tmp, index=False, encoding="utf-8-sig")
        os.replace(tmp, self.path)
        return self.path

    # ---- internals
    def _load(self) -> None:
        if not self.path.exists():
            return
        old = pd.read_csv(self.path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if "unit_id" not in old.columns or "answer" not in old.columns:
            raise InputError(f"{self.path} is not a coding file (no unit_id/answer columns); choose another path")
        unknown = set(old["unit_id"]) - set(self.unit_ids)
        if unknown:
            raise InputError(f"{self.path} holds {len(unknown)} unit(s) that are not in this sample; "
                             "it belongs to another sample: choose another path")
        for uid, ans, note in zip(old["unit_id"], old["answer"], old.get("note", [""] * len(old))):
            if ans.strip():
                self.answers[uid] = ans.strip()
            if note.strip():
                self.notes[uid] = note
        coders = {c for c in old.get("coder", []) if c}
        if not self.coder and len(coders) == 1:
            self.coder = coders.pop()

    def _first_unanswered(self) -> int:
        return next((i for i, u in enumerate(self.unit_ids) if u not in self.answers), 0)

    def _show(self) -> None:
        row = self.sample.units.iloc[self.position]
        uid = self.unit_ids[self.position]
        parts = []
        if row["title"]:
            parts.append(f"<div style='font-weight:600;color:#555'>{html.escape(str(row['title']))}</div>")
        body = html.escape(str(row["text"]))
        before = html.escape(str(row["before"])) + " " if row["before"] else ""
        after = " " + html.escape(str(row["after"])) if row["after"] else ""
        parts.append(f"<div style='white-space:pre-wrap;line-height:1.5'><span style='color:#777'>{before}</span>"
                     f"<mark style='background:#fff2b3'>{body}</mark><span style='color:#777'>{after}</span></div>")
        self._busy = True
        try:
            self.unit.value = "".join(parts)
            self.choice.value = self.answers.get(uid)
            self.note.value = self.notes.get(uid, "")
        finally:
            self._busy = False
        done = len(self.answers)
        self.progress.value = done
        total = len(self.unit_ids)
        self.status.value = (f"unit {self.position + 1} of {total} · {done} answered"
                             + (" · all done" if done == total else "") + f" · saved to {self.path.name}")

    def _on_choice(self, change: dict) -> None:
        if not self._busy and change["new"] is not None:
            self.answer(change["new"])

    def _on_note(self, change: dict) -> None:
        if self._busy:
            return
        self.notes[self.unit_ids[self.position]] = change["new"]
        self.save()

    def _on_key(self, change: dict) -> None:
        typed = change["new"]
        if not typed:
            return
        key = typed[-1]
        self.keybox.value = ""
        if key.isdigit() and key != "0" and int(key) <= len(self.labels):
            self.answer(self.labels[int(key) - 1])
        elif key == "0":
            self.answer(None)
        elif key in "bB":
            self.move(-1)
        elif key in "fF":
            self.move(1)
        elif key in "uU":
            self.next_unanswered()
