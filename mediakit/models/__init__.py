"""Small learned weights (NPZ/JSON data files, never pickle), each with a Markdown model card
beside it; read lazily with importlib.resources."""
