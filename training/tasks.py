"""Background tasks of the training app (django_tasks; the worker is `manage.py db_worker`)."""

from django_tasks import task


@task()
def build_certificate_batch(*, batch_id: int) -> int:
    """Build a session's certificates as one PDF or a ZIP (training.certificate_batches); returns the count."""
    from .certificate_batches import build_batch

    return build_batch(batch_id).done
