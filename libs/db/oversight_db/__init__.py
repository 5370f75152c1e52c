"""Shared persistence for Oversight: settings, models, sessions, outbox, deadlines, audit, embedded servers."""
