"""Organizations (state, plans, providers), a plan's provider network, and provider sites."""
