from django.conf import settings
from django.utils.functional import SimpleLazyObject

from cases.selectors import unread_message_count


def service(request):
    context = {
        "service_name": settings.DHR_SERVICE_NAME,
        "demo_mode": settings.DEMO_MODE,
        "review_name": settings.DHR_REVIEW_NAME,
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Loaded with the user (dhr.auth.ServiceModelBackend); counted here only for a user
        # loaded another way, and only when a template shows it.
        counted = getattr(user, "unread_message_count", None)
        context["unread_messages"] = (
            SimpleLazyObject(lambda: unread_message_count(user)) if counted is None else counted
        )
    return context
