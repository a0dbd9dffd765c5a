import ctypes.util

from django.core import checks


def harfbuzz_subset_available() -> bool:
    return ctypes.util.find_library("harfbuzz-subset") is not None


@checks.register(deploy=False)
def check_font_subsetting(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """WeasyPrint subsets fonts fast only with HarfBuzz's subsetter (Debian: libharfbuzz-subset0)."""
    if harfbuzz_subset_available():
        return []
    return [
        checks.Warning(
            "libharfbuzz-subset is missing: each certificate PDF will take about ten times longer to render.",
            hint="Install it: apt-get install libharfbuzz-subset0",
            id="training.W001",
        )
    ]
