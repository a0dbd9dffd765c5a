"""Training in the Wagtail admin: sessions with their days, feedback forms with their questions."""
