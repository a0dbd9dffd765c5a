"""System checks for the PDFs: fast font subsetting (HarfBuzz) and the certificates' font."""

import ctypes.util
import shutil
import subprocess

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


def certificate_font_installed() -> bool | None:
    """Whether fontconfig knows the certificates' font; None when fc-list is not there to ask."""
    from .documents.pdf import FONT_FAMILY

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        found = subprocess.run([fc_list, FONT_FAMILY], capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired):
        return None
    return bool(found.stdout.strip())


@checks.register(deploy=False)
def check_certificate_font(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Certificates and transcripts name DejaVu Sans; without it fontconfig substitutes another font."""
    if certificate_font_installed() is not False:
        return []
    return [
        checks.Warning(
            "The certificate font DejaVu Sans is not installed: PDFs will use whatever font fontconfig substitutes.",
            hint="Install it: apt-get install fonts-dejavu-core (make install does this)",
            id="training.W002",
        )
    ]
