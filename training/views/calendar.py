"""Views: see training/urls/calendar.py."""
