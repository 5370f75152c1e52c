"""Capacity Building over HTTP: the routes and their auth aliases; the use cases are ``oversight_app.capacity``."""
