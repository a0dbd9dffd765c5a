"""Model fields translated by the active language."""

from django.utils import translation


class TranslatedField:
    """Reads ``<name>_fi``, ``<name>_sv`` or ``<name>_en`` by the active language, falling back to Finnish."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        language = (translation.get_language() or "fi")[:2]
        value = getattr(instance, f"{self.base}_{language}", "")
        return value or getattr(instance, f"{self.base}_fi")
