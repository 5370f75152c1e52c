"""``/v1/action-plans`` (PIP -> CAP -> termination recommendation) and ``/v1/providers/{id}/standing``."""
