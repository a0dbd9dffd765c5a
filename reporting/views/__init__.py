"""Reporting's pages: statistics, coverage, the project in numbers."""
