"""Members (PHI), their program enrollments and paid claims, sent in batches by plans."""
