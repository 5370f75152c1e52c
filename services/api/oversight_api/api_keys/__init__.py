"""API keys of the caller's organization: create (secret shown once), list, revoke."""
