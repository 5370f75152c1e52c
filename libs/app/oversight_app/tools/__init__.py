"""Review tool versions: what a caller sees, importing a version, syncing the shipped ones, and resolving the
version a review uses."""
