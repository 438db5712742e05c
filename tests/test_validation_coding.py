"""Coding files and page: the tool's answers stay out, markup stays text, answers read back."""

import html
import re

import pandas as pd
import pytest
from browser import external_references, render

import mediakit as mk
from mediakit.errors import FormatError, InputError, SchemaError

HOSTILE = ('The mayor may resign <script>document.title="pwned"</script> soon. '
           'A clerk said <img src=x onerror="document.title=\'pwned\'"> nothing. '
           'It is </script><script>document.title="pwned"</script> over. '
           'Critics say "=1+1" is a formula, reportedly.')


@pytest.fixture(scope="module")
def sample():
    corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "outlet": ["A", "B"], "title": ["<b>Bold</b> & co", "Two"],
                           "text": [HOSTILE, "Rain may come. The river rose. Officials said it could flood."]})
    return mk.validation_sample(corpus, "hedges", n=7, seed=0)


def fill(table, answers):
    table = table.copy()
    table["answer"] = [answers[i % len(answers)] for i in range(len(table))]
    return table


def test_sheets_hold_no_tool_answer(sample, tmp_path):
    csv = pd.read_csv(sample.to_csv(tmp_path / "a.csv", coder="anna"), dtype=str, encoding="utf-8-sig")
    assert "tool" not in csv.columns and "stratum" not in csv.columns and "weight" not in csv.columns
    assert list(csv["unit_id"]) == list(sample.units["unit_id"])
    page = sample.to_html(tmp_path / "p.html").read_text(encoding="utf-8")
    import json

    data = json.loads(re.search(r'<script type="application/json" id="mk-data">(.*?)</script>', page, re.S).group(1))
    assert {k for u in data["units"] for k in u} == {"id", "title", "before", "text", "after"}
    assert "stratum" not in page and "flagged" not in page


def test_csv_round_trip_with_two_coders_and_the_key(sample, tmp_path):
    for name, answers in (("anna", ["hedge", "none"]), ("ben", ["none"])):
        path = sample.to_csv(tmp_path / f"{name}.csv", coder=name)
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        fill(sheet, answers).to_csv(path, index=False)
    key = sample.save_key(tmp_path / "key.csv")
    coded = mk.read_coding([tmp_path / "anna.csv", tmp_path / "ben.csv"], key=key)
    assert list(coded["unit_id"]) == list(sample.key["unit_id"])
    assert coded["coder_anna"].tolist() == [["hedge", "none"][i % 2] for i in range(len(coded))]
    assert set(coded["coder_ben"]) == {"none"}
    assert coded["tool"].tolist() == sample.key["tool"].tolist()
    assert coded["weight"].tolist() == pytest.approx(sample.key["weight"].tolist())
    assert coded["text"].tolist() == sample.units["text"].tolist()  # markup and "=1+1" unchanged
    a = mk.agreement(coded, n_boot=0)
    assert {"coder_anna", "coder_ben"} <= set(a.pairs["b"])


def test_xlsx_round_trip_keeps_text_that_looks_like_a_formula(sample, tmp_path):
    from openpyxl import load_workbook

    corpus = pd.DataFrame({"doc_id": ["d"], "outlet": ["A"], "text": ["=SUM(A1:A3) may be wrong. Fine."]})
    s = mk.validation_sample(corpus, "hedges", n=2, seed=0)
    path = s.to_xlsx(tmp_path / "c.xlsx", coder="cleo")
    wb = load_workbook(path)
    ws = wb["coding"]
    header = [c.value for c in ws[1]]
    col = header.index("answer") + 1
    for row in range(2, ws.max_row + 1):
        ws.cell(row=row, column=col, value="hedge")
    assert ws.data_validations.dataValidation, "the answer column offers a drop-down"
    assert "instructions" in wb.sheetnames
    wb.save(path)
    coded = mk.read_coding(path, sample=s)
    assert set(coded["coder_cleo"]) == {"hedge"}
    assert "=SUM(A1:A3) may be wrong." in coded["text"].tolist()


def test_page_is_self_contained_and_shows_markup_as_text(sample, tmp_path):
    path = sample.to_html(tmp_path / "page.html", coder="anna")
    raw = path.read_text(encoding="utf-8")
    assert external_references(raw) == []
    assert raw.count("</script>") == 2  # the data cannot close its own element
    assert "<img src=x" not in raw
    # walk to every unit and read what the browser shows
    steps = "".join("mkCoding.move(1);collect();" for _ in range(len(sample) - 1))
    probe = ("<script>var seen=[];function collect(){seen.push(document.getElementById('unit').textContent);}"
             f"collect();{steps}var p=document.createElement('pre');p.id='seen';"
             "p.textContent=JSON.stringify(seen);document.body.appendChild(p);</script>")
    test_page = tmp_path / "probe.html"
    test_page.write_text(raw.replace("</body>", probe + "</body>"), encoding="utf-8")
    page = render(test_page)
    assert page.page_requests == []
    assert "<title>pwned" not in page.dom and "<img" not in page.dom.split('id="unit"')[1].split("</div>")[0]
    import json

    seen = json.loads(html.unescape(re.search(r'<pre id="seen">(.*?)</pre>', page.dom, re.S).group(1)))
    shown = " ".join(seen)
    assert '<script>document.title="pwned"</script>' in shown
    assert "<img src=x onerror=" in shown
    assert "<b>Bold</b> & co" in shown


def test_csv_downloaded_from_the_page_reads_back(sample, tmp_path):
    raw = sample.to_html(tmp_path / "page.html", coder="dana").read_text(encoding="utf-8")
    answers = ["hedge", "none", "hedge"]
    calls = "".join(f"mkCoding.answer({answers[i % 3]!r});" for i in range(len(sample)))
    probe = (f"<script>{calls}var p=document.createElement('pre');p.id='csv';p.textContent=mkCoding.csv();"
             "document.body.appendChild(p);</script>")
    test_page = tmp_path / "probe.html"
    test_page.write_text(raw.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = render(test_page).dom
    text = html.unescape(re.search(r'<pre id="csv">(.*?)</pre>', dom, re.S).group(1))
    out = tmp_path / "coding_hedges_dana.csv"
    out.write_text(text, encoding="utf-8", newline="")
    coded = mk.read_coding(out, sample=sample)
    assert coded["coder_dana"].tolist() == [answers[i % 3] for i in range(len(sample))]
    assert coded["text"].tolist() == sample.units["text"].tolist()


def test_unanswered_units_are_missing_not_dropped(sample, tmp_path):
    path = sample.to_csv(tmp_path / "e.csv", coder="eve")
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    sheet.loc[0, "answer"] = "Hedge "  # case and spaces are forgiven
    sheet.to_csv(path, index=False)
    coded = mk.read_coding(path, sample=sample)
    assert len(coded) == len(sample)
    assert coded["coder_eve"].iloc[0] == "hedge" and coded["coder_eve"].iloc[1:].isna().all()


def test_bad_files_are_clear_errors(sample, tmp_path):
    path = sample.to_csv(tmp_path / "f.csv", coder="fay")
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    sheet.loc[0, "answer"] = "maybe"
    sheet.to_csv(path, index=False)
    with pytest.raises(InputError, match="maybe"):
        mk.read_coding(path, sample=sample)
    with pytest.raises(InputError, match="already read"):
        mk.read_coding([sample.to_csv(tmp_path / "g.csv", coder="g"), sample.to_csv(tmp_path / "h.csv", coder="g")])
    other = pd.DataFrame({"unit_id": ["u000"], "coder_x": ["hedge"]})
    other.to_csv(tmp_path / "o.csv", index=False)
    with pytest.raises(InputError, match="not in the sample"):
        mk.read_coding(tmp_path / "o.csv", sample=sample)
    (tmp_path / "n.csv").write_text("unit_id,text\nu1,a\n")
    with pytest.raises(SchemaError, match="no answers"):
        mk.read_coding(tmp_path / "n.csv")
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(FormatError):
        mk.read_coding(tmp_path / "x.json")
    with pytest.raises(InputError, match="no such"):
        mk.read_coding(tmp_path / "missing.csv")
