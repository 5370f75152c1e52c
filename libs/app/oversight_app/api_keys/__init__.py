"""API keys of an organization: create (secret shown once), list, revoke."""
