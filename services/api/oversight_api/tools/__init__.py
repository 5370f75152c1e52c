"""Review tools: list, read, import versions (YAML or JSON)."""
