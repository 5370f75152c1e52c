"""Members and claims a plan sends (batch upserts, all or nothing) and member reads (each one audited)."""
