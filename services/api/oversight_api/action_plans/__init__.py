"""Action plans (PIP -> CAP -> termination recommendation) and provider standing."""
