"""Learned weights (small NPZ/JSON data files, each with a Markdown model card beside it)."""
