"""Views: see training/urls/organiser.py."""
