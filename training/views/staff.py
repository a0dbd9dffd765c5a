"""Views: see training/urls/staff.py."""
