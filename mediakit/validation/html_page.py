"""A self-contained HTML coding page: one unit at a time, keyboard-driven, works offline.

The page holds the units as JSON inside the file (no CDN, no request of any kind) and inserts
every piece of article text with ``textContent``, so markup in an article (``<script>``, an
``<img onerror=...>``) is shown as text and never run. Answers are kept in the browser's
local storage after every key press (close the page and come back: it resumes), and the
"Download answers" button saves a CSV that :func:`mediakit.read_coding` reads. The tool's
answers are not in the page.

>>> import mediakit as mk
>>> s = mk.validation_sample(mk.load_workshop(), "hedges", n=20, seed=3)  # doctest: +SKIP
>>> s.to_html("coding_anna.html", coder="anna")                            # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

from .coding_file import CHOICE_SEP


def _json_for_script(data: Any) -> str:
    """JSON that cannot end its <script> element or open a comment, whatever the text holds."""
    raw = json.dumps(data, ensure_ascii=False)
    return (raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page(sample: Any, coder: str = "", title: str | None = None) -> str:
    """The coding page of ``sample`` as one HTML string."""
    units = [{"id": r.unit_id, "title": r.title, "before": r.before, "text": r.text, "after": r.after}
             for r in sample.units.itertuples()]
    data = {
        "question": sample.question.text,
        "answers": [[k, v] for k, v in sample.question.answers.items()],
        "choices": CHOICE_SEP.join(sample.categories),
        "coder": coder,
        "units": units,
        # Answers of different samples (or coders) must not mix in the browser's storage.
        "storage": "mk-coding-" + hashlib.blake2b(
            json.dumps([sample.measure, coder, [u["id"] for u in units]]).encode(), digest_size=8).hexdigest(),
        "filename": f"coding_{sample.measure}_{coder or 'coder'}.csv",
    }
    heading = title or f"Coding: {sample.measure} ({len(units)} {sample.question.unit}s)"
    head, _, tail = _TEMPLATE.partition("__DATA__")
    return head.replace("__TITLE__", html.escape(heading)) + _json_for_script(data) + tail


def write_page(sample: Any, path: str | Path, coder: str = "", title: str | None = None) -> Path:
    path = Path(path)
    path.write_text(page(sample, coder=coder, title=title), encoding="utf-8")
    return path


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>
 body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #222; background: #fafafa; }
 main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
 h1 { font-size: 1.2rem; margin: .5rem 0; }
 .question { background: #fff; border-left: 4px solid #0072B2; padding: .5rem .9rem; margin: .6rem 0; }
 .bar { height: .5rem; background: #e3e3e3; border-radius: .25rem; overflow: hidden; }
 .bar > div { height: 100%; background: #009E73; width: 0; }
 .status { font-size: .9rem; color: #555; margin: .3rem 0 .8rem; display: flex; justify-content: space-between; }
 .unit { background: #fff; border: 1px solid #ddd; border-radius: .4rem; padding: .9rem 1.1rem; white-space: pre-wrap; }
 .unit .title { font-weight: 600; color: #555; display: block; margin-bottom: .4rem; white-space: normal; }
 .unit .ctx { color: #777; }
 .unit mark { background: #fff2b3; color: #000; padding: 0 .1rem; }
 .answers { display: grid; gap: .4rem; margin: .9rem 0; }
 .answers button { text-align: left; font: inherit; padding: .45rem .7rem; border: 1px solid #bbb; border-radius: .35rem; background: #fff; cursor: pointer; }
 .answers button.chosen { border-color: #0072B2; background: #e6f1f8; box-shadow: inset 4px 0 0 #0072B2; }
 .answers kbd, .help kbd { font: .8rem ui-monospace, monospace; border: 1px solid #aaa; border-radius: .2rem; padding: 0 .3rem; margin-right: .4rem; background: #f4f4f4; }
 .answers .meaning { color: #555; }
 .nav { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
 .nav button, .nav input { font: inherit; padding: .35rem .7rem; }
 .nav input[type=text] { flex: 1; min-width: 10rem; }
 .help { font-size: .85rem; color: #555; margin-top: 1rem; }
 .done { color: #009E73; font-weight: 600; }
</style>
</head>
<body>
<main>
<h1>__TITLE__</h1>
<div class="question" id="question"></div>
<div class="nav" style="margin-bottom:.6rem"><label>Coder <input type="text" id="coder" placeholder="your name or initials"></label></div>
<div class="bar"><div id="bar"></div></div>
<div class="status"><span id="position"></span><span id="count"></span></div>
<div class="unit" id="unit" tabindex="0"></div>
<div class="answers" id="answers"></div>
<div class="nav">
 <button id="prev" title="previous unit (left arrow)">&larr; Previous</button>
 <button id="next" title="next unit (right arrow)">Next &rarr;</button>
 <button id="nextopen" title="next unanswered unit (u)">Next unanswered</button>
 <input type="text" id="note" placeholder="note (n to type, Esc to leave)">
 <button id="download">Download answers (CSV)</button>
</div>
<p class="help">Keys: <kbd>1</kbd>&hellip;<kbd>9</kbd> answer and go on &middot; <kbd>0</kbd> clear &middot;
<kbd>&larr;</kbd> <kbd>&rarr;</kbd> move &middot; <kbd>u</kbd> next unanswered &middot; <kbd>n</kbd> note.
Answers are saved in this browser after every key press; when you are done, download the CSV and send it back.
The page needs no network.</p>
</main>
<script type="application/json" id="mk-data">__DATA__</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mk-data").textContent);
  var units = data.units, n = units.length;
  var state = { pos: 0, answers: {}, notes: {}, coder: data.coder || "" };
  try {
    var saved = JSON.parse(window.localStorage.getItem(data.storage) || "null");
    if (saved) { state = saved; if (data.coder) { state.coder = data.coder; } }
  } catch (e) { /* storage unavailable (private mode): answers live until the page closes */ }
  function save() {
    try { window.localStorage.setItem(data.storage, JSON.stringify(state)); } catch (e) { /* see above */ }
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  document.getElementById("question").textContent = data.question;
  var coderBox = document.getElementById("coder");
  coderBox.value = state.coder;
  coderBox.addEventListener("input", function () { state.coder = coderBox.value; save(); });
  var answerBox = document.getElementById("answers");
  var buttons = data.answers.map(function (pair, i) {
    var b = el("button");
    b.appendChild(el("kbd", "", String(i + 1)));
    b.appendChild(el("b", "", pair[0]));
    b.appendChild(el("span", "meaning", " \\u2014 " + pair[1]));
    b.addEventListener("click", function () { answer(pair[0]); });
    answerBox.appendChild(b);
    return b;
  });
  var note = document.getElementById("note");
  note.addEventListener("input", function () { state.notes[units[state.pos].id] = note.value; save(); });
  function answered() { return units.filter(function (u) { return state.answers[u.id]; }).length; }
  function show() {
    var u = units[state.pos], box = document.getElementById("unit");
    box.textContent = "";
    if (u.title) { box.appendChild(el("span", "title", u.title)); }
    if (u.before) { box.appendChild(el("span", "ctx", u.before + " ")); }
    box.appendChild(el("mark", "", u.text));
    if (u.after) { box.appendChild(el("span", "ctx", " " + u.after)); }
    buttons.forEach(function (b, i) { b.classList.toggle("chosen", state.answers[u.id] === data.answers[i][0]); });
    note.value = state.notes[u.id] || "";
    var k = answered();
    document.getElementById("position").textContent = "Unit " + (state.pos + 1) + " of " + n;
    var count = document.getElementById("count");
    count.textContent = k + " answered" + (k === n ? " \\u2014 all done, download the CSV" : "");
    count.className = k === n ? "done" : "";
    document.getElementById("bar").style.width = (100 * k / n) + "%";
  }
  function move(d) { state.pos = Math.max(0, Math.min(n - 1, state.pos + d)); save(); show(); }
  function nextOpen() {
    for (var i = 1; i <= n; i++) {
      var j = (state.pos + i) % n;
      if (!state.answers[units[j].id]) { state.pos = j; save(); show(); return; }
    }
    show();
  }
  function answer(label) {
    state.answers[units[state.pos].id] = label;
    save();
    if (state.pos < n - 1) { move(1); } else { show(); }
  }
  document.getElementById("prev").addEventListener("click", function () { move(-1); });
  document.getElementById("next").addEventListener("click", function () { move(1); });
  document.getElementById("nextopen").addEventListener("click", nextOpen);
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t === note || t === coderBox) { if (ev.key === "Escape") { t.blur(); } return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (/^[1-9]$/.test(ev.key) && Number(ev.key) <= data.answers.length) {
      answer(data.answers[Number(ev.key) - 1][0]); ev.preventDefault();
    } else if (ev.key === "0") {
      delete state.answers[units[state.pos].id]; save(); show();
    } else if (ev.key === "ArrowRight") { move(1); ev.preventDefault(); }
    else if (ev.key === "ArrowLeft") { move(-1); ev.preventDefault(); }
    else if (ev.key === "u") { nextOpen(); }
    else if (ev.key === "n") { note.focus(); ev.preventDefault(); }
  });
  function cell(v) {
    v = v === undefined || v === null ? "" : String(v);
    return /[",\\r\\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function csv() {
    var rows = [["unit_id", "position", "text", "choices", "coder", "answer", "note"]];
    units.forEach(function (u, i) {
      rows.push([u.id, i + 1, u.text, data.choices, state.coder, state.answers[u.id] || "", state.notes[u.id] || ""]);
    });
    return rows.map(function (r) { return r.map(cell).join(","); }).join("\\r\\n") + "\\r\\n";
  }
  document.getElementById("download").addEventListener("click", function () {
    var a = document.createElement("a");
    // The byte-order mark lets spreadsheet programs read accented names correctly.
    a.href = URL.createObjectURL(new Blob(["\\ufeff" + csv()], { type: "text/csv;charset=utf-8" }));
    a.download = data.filename;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });
  if (state.pos >= n) { state.pos = 0; }
  show();
  // For scripts that drive the page (and for a coder's console): the state and the CSV text.
  window.mkCoding = { state: state, answer: answer, move: move, csv: csv };
}());
</script>
</body>
</html>
"""
