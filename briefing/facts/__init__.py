"""Reading and checking the facts: the kinds of record, the model, loading YAML with positions, the
validation passes and the validated graph."""
