"""Loaders: one module per input kind (text pages, HTML, tables, research exports)."""
