"""The import path of the tasks queued before they moved to their services (the worker imports it by name).

New tasks live in the services module of their subject; this path only keeps older queue rows runnable.
"""

from ..services.certificate_batches import build_certificate_batch

__all__ = ["build_certificate_batch"]
