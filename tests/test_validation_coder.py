"""The ipywidgets coder, driven programmatically: keys answer, every answer is saved, it resumes."""

import pandas as pd
import pytest

ipywidgets = pytest.importorskip("ipywidgets")

import mediakit as mk  # noqa: E402
from mediakit.errors import InputError  # noqa: E402


@pytest.fixture(scope="module")
def sample():
    corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "outlet": ["A", "B"], "title": ["T <i>1</i>", "T2"],
                           "text": ["It may rain <script>x()</script>. The river rose. Floods could come.",
                                    "Rain may come. The river rose. Officials said it could flood."]})
    return mk.validation_sample(corpus, "hedges", n=6, seed=0)


def test_keys_answer_and_move_on_and_every_answer_is_saved(sample, tmp_path):
    path = tmp_path / "anna.csv"
    c = sample.coder(path, coder="anna")
    assert isinstance(c, ipywidgets.VBox) and c.position == 0
    c.keybox.value = "1"
    assert c.position == 1 and c.keybox.value == ""
    saved = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert saved["answer"].tolist()[:2] == [sample.categories[0], ""]
    c.keybox.value = "2"
    c.keybox.value = "b"
    assert c.position == 1 and c.choice.value == sample.categories[1]
    c.keybox.value = "0"  # clear
    assert sample.units["unit_id"].iloc[1] not in c.answers
    c.choice.value = sample.categories[0]  # clicking a button answers too
    assert c.position == 2 and c.progress.value == 2


def test_resumes_at_the_first_unanswered_unit(sample, tmp_path):
    path = tmp_path / "ben.csv"
    c = sample.coder(path, coder="ben")
    for _ in range(3):
        c.keybox.value = "2"
    c.note.value = "unsure"
    again = sample.coder(path)
    assert again.position == 3 and again.coder == "ben" and len(again.answers) == 3
    coded = mk.read_coding(path, sample=sample)
    assert coded["coder_ben"].notna().sum() == 3
    assert coded["note_ben"].tolist()[3] == "unsure"


def test_unit_markup_is_escaped_and_tool_answer_not_shown(sample, tmp_path):
    c = sample.coder(tmp_path / "c.csv")
    shown = []
    for _ in range(len(sample)):
        shown.append(c.unit.value)
        c.move(1)
    page = " ".join(shown)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;i&gt;" in page
    assert "stratum" not in page and "flagged" not in page


def test_refuses_a_file_from_another_sample(sample, tmp_path):
    path = tmp_path / "other.csv"
    pd.DataFrame({"unit_id": ["u0"], "answer": ["hedge"]}).to_csv(path, index=False)
    with pytest.raises(InputError, match="another sample"):
        sample.coder(path)
    c = sample.coder(tmp_path / "d.csv")
    with pytest.raises(InputError):
        c.answer("perhaps")
