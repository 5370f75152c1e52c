"""Who is calling: API keys for partner platforms and jobs, OIDC bearer tokens for the SPA."""
