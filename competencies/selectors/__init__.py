from .framework import framework_current_version, version_with_content

__all__ = ["framework_current_version", "version_with_content"]
