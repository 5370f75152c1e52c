"""Evidence documents (issue 15): requests, presigned uploads, verified completion, audited downloads,
ROI coverage, citations, retention and legal holds."""
