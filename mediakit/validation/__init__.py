"""Validation on your own data: samples for blind coding, coders' files, agreement, corrected shares.

Read top to bottom as the steps of a validation study: :mod:`units` (the tool's answer for
every unit of the corpus) -> :mod:`sample` (a stratified sample to code) -> :mod:`coding_file`
and :mod:`html_page` (sheets and an offline page for coders; reading answers back) ->
:mod:`agreement` (tool vs coders, coder vs coder) -> :mod:`correction` (shares corrected for
the measured misclassification).

>>> import mediakit as mk
>>> s = mk.validation_sample(mk.load_workshop(), "sources", n=30, seed=2)
>>> len(s)
30
"""

from .agreement import Agreement, agreement
from .coding_file import read_coding
from .correction import CorrectedShares, correct_shares
from .sample import ValidationSample, validation_sample

__all__ = ["Agreement", "CorrectedShares", "ValidationSample", "agreement", "correct_shares", "read_coding",
           "validation_sample"]
