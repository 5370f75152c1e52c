"""Reviews: scheduling with notice, samples and records, findings, the scorecard, finalization, reminders."""
