"""Provider disputes of a plan's decisions (seed 004): filing within the window, evidence, the plan's decision and what it changes, and the overdue-decision sweep."""
