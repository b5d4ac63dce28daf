"""python manage.py check_publication REFERENCE: the leak gate for operators. Scans the
newest ready public rendering of each document of the case, prints each hit with its
document, page and where, and exits 1 on any hit (or an unknown case), 0 when clean."""

from django.core.management.base import BaseCommand, CommandError

from cases.models import Case
from reports.anonymisation import Register
from reports.leak_gate import scan
from reports.models import PdfDocument, RenderedPdf
from reports.services.leak_gate import stored_pdf


class Command(BaseCommand):
    help = "Scan a case's newest public PDFs for registered real names and dates of birth."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The case reference, for example DHR-RIV-2026-003")

    def handle(self, *args, reference, **options):
        case = Case.objects.filter(reference=reference).first()
        if case is None:
            raise CommandError(f"No case has the reference {reference}.")
        register = Register.for_case(case)
        hits = 0
        for document in PdfDocument:
            pdf = (
                RenderedPdf.objects.filter(
                    case=case,
                    document=document,
                    variant=RenderedPdf.Variant.PUBLIC,
                    status=RenderedPdf.Status.READY,
                )
                .order_by("-requested_at", "-pk")
                .first()
            )
            if pdf is None:
                self.stdout.write(f"{document.label}: no public PDF rendered")
                continue
            found = scan(stored_pdf(pdf), register)
            hits += len(found)
            for hit in found:
                page = f"page {hit.page}" if hit.page else "whole document"
                self.stdout.write(f"{document.label}: {hit.term} on {page} ({hit.where})")
            if not found:
                self.stdout.write(f"{document.label}: clean")
        if hits:
            raise CommandError(f"{hits} hit{'s' if hits != 1 else ''}: not publishable.")
        self.stdout.write(self.style.SUCCESS("Clean: no registered name or date of birth."))
