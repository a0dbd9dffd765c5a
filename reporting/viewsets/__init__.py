"""Reporting in the Wagtail admin: activities with their lists of people, projects, and the person chooser."""
