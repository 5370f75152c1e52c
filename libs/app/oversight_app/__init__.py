"""Oversight's use cases: what the API's routes, the worker's jobs and the admin CLI all call.

Services are plain functions: a session, the caller (or an actor), plain values and ids in; ORM rows,
domain objects or pydantic models out. Nothing here knows HTTP (no fastapi, starlette) or the queue (arq):
the callers own transactions (services only ``flush()``) and turn results into responses.
"""
