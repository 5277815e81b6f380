"""Routers of the staff side, one module per area."""
