from django_tasks import task


@task()
def send_feedback_requests() -> int:
    """The background twin of ``manage.py send_feedback_requests``: enqueue it after marking attendance."""
    from ..services.feedback import feedback_requests_send

    return feedback_requests_send()
