"""Existing rows, moved to the new fields of 0004 (issue 8, DOMAIN H1, H3, M2):

- A pause whose "paused until" lies in the future was saved from the form's "expected to
  resume" field: that date becomes the expected end and the pause is open again (only
  resuming ends a pause). Pauses that then overlap are cut: an earlier pause ends on the
  day a later one began. Each change gets a history row and a case event.
- The family letter is due on the Home Office letter's date (both: a month after the
  notification), in the live and the historical rows.
- An extension keeps its free-text "agreed by" in `agreed_by_as_recorded` and is linked to
  a CSP chair of the case when the text names one, or says "chair" and the case had exactly
  one CSP chair then. The date agreed is the day it was recorded. "Home Office told" ticked
  becomes told on that day (the tick said it was done by then); unticked stays empty, an
  open obligation the case page and the reminders now show.
"""

from datetime import date
from itertools import pairwise

from django.db import migrations, models
from django.utils import timezone

MIGRATED = "Corrected when pauses gained an expected end"


def _history(apps, model_name: str, instance, reason: str) -> None:
    """A history row for a change made here, so the audit trail shows it."""
    model = apps.get_model("cases", model_name)
    historical = apps.get_model("cases", f"Historical{model_name}")
    historical.objects.create(
        **{
            field.attname: getattr(instance, field.attname) for field in model._meta.concrete_fields
        },
        history_date=timezone.now(),
        history_type="~",
        history_change_reason=reason[:100],
    )


def _event(apps, case_id: int, description: str) -> None:
    apps.get_model("cases", "CaseEvent").objects.create(
        case_id=case_id, name="case.pause.corrected", description=description[:300]
    )


def _migrate_pauses(apps, today: date) -> None:
    Pause = apps.get_model("cases", "Pause")
    changed = {}
    for pause in Pause.objects.filter(ends_on__gt=today):
        _event(
            apps,
            pause.case_id,
            f"Pause from {pause.starts_on:%-d %B %Y}: {pause.ends_on:%-d %B %Y} was the "
            "expected end, not the end; the review stays paused until it is resumed",
        )
        pause.expected_end_on, pause.ends_on = pause.ends_on, None
        changed[pause.pk] = pause
    case_ids = Pause.objects.values_list("case_id", flat=True).distinct()
    for case_id in case_ids:
        pauses = [
            changed.get(pause.pk, pause)
            for pause in Pause.objects.filter(case_id=case_id).order_by("starts_on", "id")
        ]
        for earlier, later in pairwise(pauses):
            if earlier.ends_on is None or earlier.ends_on > later.starts_on:
                earlier.ends_on = later.starts_on
                changed[earlier.pk] = earlier
                _event(
                    apps,
                    case_id,
                    f"Pause from {earlier.starts_on:%-d %B %Y} ended on "
                    f"{later.starts_on:%-d %B %Y}, when a later pause began: pauses never "
                    "overlap",
                )
    # Close before opening, so "one open pause per case" holds after every row.
    for pause in sorted(changed.values(), key=lambda pause: pause.ends_on is None):
        pause.save(update_fields=["ends_on", "expected_end_on"])
        _history(apps, "Pause", pause, MIGRATED)


def _chair_named(apps, extension):
    """The CSP chair of the case the free text names, if exactly one can be told."""
    CaseMembership = apps.get_model("cases", "CaseMembership")
    chairs = CaseMembership.objects.filter(
        case_id=extension.case_id, role="csp_chair"
    ).select_related("user")
    text = extension.agreed_by_as_recorded.lower()
    named = {m.user for m in chairs if m.user.full_name and m.user.full_name.lower() in text}
    if len(named) == 1:
        return named.pop()
    at = extension.recorded_at
    serving = {m.user for m in chairs if m.since <= at and (m.ended_at is None or m.ended_at > at)}
    if not named and "chair" in text and len(serving) == 1:
        return serving.pop()
    return None


def _migrate_extensions(apps) -> None:
    for model_name in ("HistoricalReportExtension", "ReportExtension"):
        for extension in apps.get_model("cases", model_name).objects.all():
            agreed_on = timezone.localtime(extension.recorded_at).date()
            extension.agreed_on = agreed_on
            extension.home_office_told_on = agreed_on if extension.home_office_told else None
            if not extension.agreed_by_as_recorded.strip():
                extension.agreed_by_as_recorded = "Not recorded"
            if model_name == "ReportExtension":
                extension.agreed_by = _chair_named(apps, extension)
            extension.save()
            if model_name == "ReportExtension" and extension.agreed_by is not None:
                _history(apps, "ReportExtension", extension, "CSP chair named from the text")


def migrate_rows(apps, schema_editor):
    for model_name in ("Case", "HistoricalCase"):
        apps.get_model("cases", model_name).objects.update(
            family_letter_due_on=models.F("home_office_letter_due_on")
        )
    _migrate_pauses(apps, timezone.localdate())
    _migrate_extensions(apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_pause_expected_end_family_letter_extension_fields")]

    operations = [
        migrations.RunPython(migrate_rows, migrations.RunPython.noop),
    ]
