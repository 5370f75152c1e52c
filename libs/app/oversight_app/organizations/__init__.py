"""Organizations (states, plans, providers), a plan's provider network and provider sites: the use cases
behind ``/v1/organizations``, ``/v1/providers``, ``/v1/network-links`` and the ``oversight orgs`` CLI."""
