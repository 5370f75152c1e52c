"""NC Tailored Care Management Capacity Building (seed 001): programs, participants, distribution plans,
reports, payments."""
