"""Small learned weights (JSON), each with a model card beside it; read with importlib.resources."""
