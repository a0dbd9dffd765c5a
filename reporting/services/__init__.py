"""Reporting's writes: the participation facts, activities and their import, projects."""
