"""Shipped policy data (YAML) read by the domain: provider obligations (``ecm-provider-obligations.yaml``)."""
