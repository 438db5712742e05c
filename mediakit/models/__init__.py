"""Small learned weights (JSON/NPZ), each with a model card (Markdown) beside it; read lazily by the features."""
