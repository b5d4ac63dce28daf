from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create or refresh the demo partnerships, agencies and one user per role."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo runs only in demo mode (DJANGO_DEBUG=true).")
        people = seed_demo()
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Sign in at http://127.0.0.1:8000/")
        )
        self.stdout.write(f"Every demo account's password is: {DEMO_PASSWORD}")
        width = max(len(person.email) for person in people)
        for person in people:
            self.stdout.write(f"  {person.email.ljust(width)}  {person.role}")
