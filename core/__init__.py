"""Helpers every app imports: translated fields, downloads, the domain error base, URL converters."""
