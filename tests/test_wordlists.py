import pytest

from mediakit.errors import FormatError
from mediakit.lexicons.wordlists import read_liwc_dic, read_wordlist


def test_read_liwc_dic(tmp_path):
    p = tmp_path / "t.dic"
    p.write_text("%\n1\ttentat\n2\tcertain\n%\nmaybe\t1\nperhap*\t1\nclearly\t2\nin fact\t2\nsure*\t1 2\n")
    cats = read_liwc_dic(p)
    assert cats == {"tentat": ["maybe", "perhap*", "sure*"], "certain": ["clearly", "in fact", "sure*"]}


def test_read_liwc_dic_rejects_unknown_category(tmp_path):
    p = tmp_path / "t.dic"
    p.write_text("%\n1\ttentat\n%\nmaybe\t3\n")
    with pytest.raises(FormatError, match="category 3"):
        read_liwc_dic(p)


def test_read_liwc_dic_rejects_plain_list(tmp_path):
    p = tmp_path / "t.dic"
    p.write_text("maybe\nperhaps\n")
    with pytest.raises(FormatError):
        read_liwc_dic(p)


def test_read_wordlist(tmp_path):
    p = tmp_path / "w.txt"
    p.write_text("# my hedges\nMaybe\n\nit is  said\n")
    assert read_wordlist(p) == ["maybe", "it is said"]
