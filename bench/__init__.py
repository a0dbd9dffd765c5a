"""Benchmarks: `make bench` (python -m bench). Numbers are printed, never asserted."""
