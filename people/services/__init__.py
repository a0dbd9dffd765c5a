"""Writes of the people app: leaving, erasure and the personal-data download."""
