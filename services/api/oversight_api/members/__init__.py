"""``/v1/members`` and ``/v1/claims``: batches from plans, reads for plan staff (every read is audited)."""
