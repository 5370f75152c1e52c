"""Webhook endpoints of an organization: register, list, delete, rotate their signing secrets."""
