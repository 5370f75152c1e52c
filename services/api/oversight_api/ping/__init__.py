"""``GET /v1/ping``: who am I — the cheapest authenticated call (clients check their key; P1 benchmark)."""
