"""Provider obligations (issue 14, seed 003): the program narrative and peer sharing support a provider owes the
plan that oversees it, their occurrences, the provider's submissions, the plan's review and the reminders."""
