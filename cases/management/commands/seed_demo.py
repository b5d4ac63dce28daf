import textwrap

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.demo import DEMO_PASSWORD, demo_case_rows, seed_demo


class Command(BaseCommand):
    help = (
        "Create or refresh the demo partnerships, agencies and one user per role, and create "
        "the fictional demo cases that do not exist yet."
    )

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

        rows = demo_case_rows()
        if not rows:
            return
        self.stdout.write("")
        self.stdout.write("Demo cases (fictional people and events):")
        headings = ("Reference", "Stage", "Who can see it")
        ref_width = max(len(headings[0]), *(len(row.reference) for row in rows))
        stage_width = max(len(headings[1]), *(len(row.stage) for row in rows))
        self.stdout.write(
            f"  {headings[0].ljust(ref_width)}  {headings[1].ljust(stage_width)}  {headings[2]}"
        )
        indent = " " * (2 + ref_width + 2 + stage_width + 2)
        for row in rows:
            first = f"  {row.reference.ljust(ref_width)}  {row.stage.ljust(stage_width)}  "
            lines = textwrap.wrap(
                ", ".join(row.visible_to) or "nobody",
                width=100,
                initial_indent=first,
                subsequent_indent=indent,
                break_on_hyphens=False,
            )
            for line in lines:
                self.stdout.write(line)
