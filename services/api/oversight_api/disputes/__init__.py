"""Provider disputes (seed 004)."""
