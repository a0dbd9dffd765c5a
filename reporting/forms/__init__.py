"""Reporting's forms: the filters of the statistics and coverage pages."""
