import json

from click.testing import CliRunner

from mediakit.cli import main


def test_clean_prints_summary_and_writes_jsonl(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Ferry service resumes\n\nThe ferry between the islands will run again from Monday, "
                    "the operator said in a statement on Friday.\n\nTickets bought for cancelled trips "
                    "will be refunded, the company added.\n")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["clean", str(page), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "p.txt" in res.output and "words kept" in res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 1 and rows[0]["text"].startswith("The ferry between")


def test_clean_reports_failures(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    res = CliRunner().invoke(main, ["clean", str(tmp_path / "empty.html")])
    assert res.exit_code == 1
    assert "FAILED" in res.output


def test_demo_cleans_the_bundled_pages():
    res = CliRunner().invoke(main, ["demo"])
    assert res.exit_code == 0, res.output
    assert "0 file(s) failed" in res.output
