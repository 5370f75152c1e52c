"""Webhook endpoints: where an organization receives its notices as signed POSTs."""
