"""Oversight domain rules: pure functions over plain values (no I/O, no frameworks).

Modules: ``tools`` (review tools as data), ``scoring``, ``sampling``, ``calendars``, ``escalation``,
``capacity`` (NC Capacity Building), ``compliance`` (automated checks), ``display`` (rounding).
"""
