"""Export and import of a framework version as CSV or JSON."""

from .exporting import framework_version_export, framework_version_to_csv, framework_version_to_json
from .importing import FrameworkImportError, ImportProblem, framework_import
from .parsing import framework_file_read

__all__ = [
    "FrameworkImportError",
    "ImportProblem",
    "framework_file_read",
    "framework_import",
    "framework_version_export",
    "framework_version_to_csv",
    "framework_version_to_json",
]
