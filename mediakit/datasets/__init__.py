"""Bundled data sets: :func:`load_workshop`, :func:`load_sample_pages`, :func:`bundled_path`."""

from .bundled import bundled_path, load_sample_pages, load_workshop

__all__ = ["bundled_path", "load_sample_pages", "load_workshop"]
