"""Reviews: scheduling with notice, samples, findings, scorecard, finalization."""
