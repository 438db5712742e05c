"""The exceptions mediakit raises on bad input.

Everything the library raises on purpose derives from :class:`MediakitError`, so a caller can
catch one class and know the message was written for a person.
"""

from __future__ import annotations


class MediakitError(Exception):
    """Base class of every error mediakit raises on purpose."""


class InputError(MediakitError, ValueError):
    """The input cannot be read as what it claims to be (wrong type, undecodable bytes, ...)."""


class FormatError(MediakitError, ValueError):
    """A file or table is not in a format mediakit can load."""


class SchemaError(MediakitError, ValueError):
    """A DataFrame lacks a column the function needs."""
