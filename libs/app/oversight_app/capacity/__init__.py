"""NC Tailored Care Management Capacity Building (seed 001): programs, participants, distribution plans,
reports, payments, and the reminders of the reports a plan owes.

The modules are named for what they hold: ``access`` (who reaches which rows, the program's local date),
``programs``, ``participants``, ``distribution_plans``, ``reports``, ``obligations`` (a report's life),
``milestones``, ``payments`` (the ledger), ``views`` (read-only summaries), ``reminders`` (deadlines and
their sweep handler), ``checks`` (domain errors as problems) and ``schemas``.
"""
