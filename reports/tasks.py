"""Celery tasks of the reports app: thin, they take ids and call the services."""

from celery import shared_task

from .services import pdfs


@shared_task
def render_pdf(rendering_id: int) -> None:
    # Idempotent: a second delivery finds the rendering claimed or ready and does nothing.
    pdfs.render(rendering_id=rendering_id)
