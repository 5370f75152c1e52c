"""Action plans (PIP -> CAP -> termination recommendation): recording, submissions, decisions, the
escalation the deadline sweep drives, and the provider standing partners check."""
