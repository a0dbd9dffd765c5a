"""Reporting's reads: participant statistics, coverage of a course, the project in numbers."""
