"""The audit trail of the caller's organization, for its admins."""
