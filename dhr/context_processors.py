from django.conf import settings


def service(request):
    return {
        "service_name": settings.DHR_SERVICE_NAME,
        "demo_mode": settings.DEMO_MODE,
        "review_name": settings.DHR_REVIEW_NAME,
    }
