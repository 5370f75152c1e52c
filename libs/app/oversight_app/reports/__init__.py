"""Reports (issue 16): scorecard exports, dashboards, export jobs built by the worker, scheduled reports."""
