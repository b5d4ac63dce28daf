"""Publication (DOMAIN.md 2.8 items 1-3, 7-8; DESIGN §3 item 8): the date agreed with the
family and its warning near the anniversary of the death or the victim's birthday, the
family forewarned, the media lead's briefing, the QA letter checked for leaks, the publish
guard, publishing (the files frozen), withholding for compelling reasons, and withdrawing a
published review from the public pages.

The CSP officer and chair record these (send_to_home_office); withdrawing a published review
is the CSP chair's decision (record_decision)."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import JSONField, OuterRef, Subquery

from cases.clocks import add_calendar_months, today
from cases.models import Case, Person, User
from cases.services import CaseActionRefused, lock_case_for, perform_transition, record_event
from cases.workflow import Stage
from dhr.uploads import atomic_with_documents, store_document
from panels.services.proceedings import criminal_proceedings_concluded
from reports.anonymisation import Register
from reports.leak_gate import scan
from reports.models import Document, LeakCheck, RenderedPdf, ReportVersion
from reports.services.anonymisation import anonymised_sections
from reports.services.leak_gate import stored_pdf

from ..models import (
    FamilyForewarning,
    MediaBriefing,
    Publication,
    PublicationDate,
    PublishedFile,
    QaLetterCheck,
    QaOutcome,
    Withholding,
)
from ..selectors import areas_open, latest_outcome, latest_versions

RECORDS = "Only the CSP officer or chair records publication."
WITHDRAWS = "Only the CSP chair withdraws a published review."
# Each published review stays on the public pages at least 12 months (DOMAIN.md 2.8 item 3).
MONTHS_ONLINE = 12


def _lock(case: Case, by: User) -> Case:
    case = lock_case_for(case, by=by, permission="send_to_home_office", refusal=RECORDS)
    if case.stage != Stage.PUBLICATION:
        raise CaseActionRefused("This is recorded while the review is at publication.")
    return case


def _not_future(on: date, field: str, label: str) -> None:
    if on > today():
        raise CaseActionRefused(f"{label} must be today or in the past.", field=field)


def _saved(record, by: User):
    record._history_user = by
    record.save()
    return record


# The date agreed with the family ---------------------------------------------------------


def _in_year(day: date, year: int) -> date:
    # 29 February falls on 28 February in a year without it.
    if day.month == 2 and day.day == 29:
        try:
            return day.replace(year=year)
        except ValueError:
            return date(year, 2, 28)
    return day.replace(year=year)


def _days_from_anniversary(on: date, of: date) -> int | None:
    """The days from `on` to the nearest anniversary of `of` (negative: before it); None
    when no anniversary is within a year (the first is a year after `of` itself)."""
    years = [year for year in (on.year - 1, on.year, on.year + 1) if year > of.year]
    if not years:
        return None
    return min(((on - _in_year(of, year)).days for year in years), key=abs)


def next_anniversary(day: date, on: date) -> date:
    """The first anniversary of `day` on or after `on`."""
    this_year = _in_year(day, on.year)
    return this_year if this_year >= on else _in_year(day, on.year + 1)


def _key_dates(case: Case) -> list[tuple[str, date]]:
    dates = [("the anniversary of the death", case.date_of_death)]
    victim = case.people.filter(role=Person.Role.VICTIM, date_of_birth__isnull=False).first()
    if victim is not None:
        dates.append(("the victim's birthday", victim.date_of_birth))
    return dates


def date_warnings(case: Case, publish_on: date) -> list[str]:
    """A sentence for each key date the publication date falls near (seed 002 (13)): a
    warning for the family's sake, never a refusal."""
    within = settings.DHR_PUBLICATION_WARNING_DAYS
    warnings = []
    for what, day in _key_dates(case):
        days = _days_from_anniversary(publish_on, day)
        if days is None or abs(days) > within:
            continue
        if days == 0:
            when = f"on {what}"
        else:
            plural = "s" if abs(days) != 1 else ""
            when = f"{abs(days)} day{plural} {'after' if days > 0 else 'before'} {what}"
        warnings.append(
            f"{publish_on:%-d %B %Y} is {when} ({_in_year(day, publish_on.year):%-d %B}). "
            "Check the family is content with it."
        )
    return warnings


def forewarnings_latest_first(case: Case):
    return case.family_forewarnings.order_by("-forewarned_on", "-id")


def agreed_date(case: Case) -> PublicationDate | None:
    return case.publication_dates.order_by("-recorded_at", "-id").first()


@transaction.atomic
def agree_publication_date(
    *, case: Case, by: User, publish_on: date, agreed_with: str, agreed_how: str
) -> PublicationDate:
    case = _lock(case, by)
    if publish_on < today():
        raise CaseActionRefused("The publication date must be today or later.", field="publish_on")
    agreed = _saved(
        PublicationDate(
            case=case,
            publish_on=publish_on,
            agreed_with=agreed_with.strip(),
            agreed_how=agreed_how.strip(),
            recorded_by=by,
        ),
        by,
    )
    record_event(
        case=case,
        name="publication.date.agreed",
        description=f"Publication date {publish_on:%-d %B %Y} agreed with {agreed.agreed_with}"[
            :300
        ],
        actor=by,
    )
    return agreed


@transaction.atomic
def record_family_forewarned(
    *, case: Case, by: User, forewarned_on: date, who: str, how: str, consequences: str
) -> FamilyForewarning:
    case = _lock(case, by)
    _not_future(forewarned_on, "forewarned_on", "The date forewarned")
    forewarning = _saved(
        FamilyForewarning(
            case=case,
            forewarned_on=forewarned_on,
            who=who.strip(),
            how=how.strip(),
            consequences=consequences.strip(),
            recorded_by=by,
        ),
        by,
    )
    record_event(
        case=case,
        name="publication.family.forewarned",
        description="The family forewarned of the consequences of publication",
        actor=by,
    )
    return forewarning


@transaction.atomic
def record_media_briefing(
    *, case: Case, by: User, briefed_on: date, media_lead: str, notes: str = ""
) -> MediaBriefing:
    case = _lock(case, by)
    outcome = latest_outcome(case)
    # Briefing only after clearance (seed 001 §4.28).
    if outcome is None or not outcome.clears:
        raise CaseActionRefused("The media lead is briefed only once the Home Office cleared it.")
    _not_future(briefed_on, "briefed_on", "The date briefed")
    briefing = _saved(
        MediaBriefing(
            case=case,
            briefed_on=briefed_on,
            media_lead=media_lead.strip(),
            notes=notes.strip(),
            recorded_by=by,
        ),
        by,
    )
    record_event(
        case=case,
        name="publication.media.briefed",
        description=f"The media lead ({briefing.media_lead}) briefed"[:300],
        actor=by,
    )
    return briefing


# The QA letter ---------------------------------------------------------------------------


def _is_pdf(outcome: QaOutcome) -> bool:
    # store_document names each stored file with the extension of the kind found in it.
    return outcome.letter.name.endswith(".pdf")


@transaction.atomic
def check_qa_letter(*, case: Case, by: User) -> QaLetterCheck:
    """Run the leak gate's scan over the latest QA letter, recorded either way. A DOCX
    letter is recorded as not publishable without a scan."""
    case = _lock(case, by)
    outcome = latest_outcome(case)
    if outcome is None:
        raise CaseActionRefused("Record the Home Office's QA letter first.")
    hits = []
    if _is_pdf(outcome):
        with outcome.letter.open("rb") as letter:
            hits = [hit.as_dict() for hit in scan(letter.read(), Register.for_case(case))]
    check = _saved(
        QaLetterCheck(outcome=outcome, is_pdf=_is_pdf(outcome), hits=hits, ran_by=by), by
    )
    record_event(
        case=case,
        name="publication.qa_letter.checked",
        description="The QA letter checked for leaks: "
        + ("clean" if check.passed else "a Word letter" if not check.is_pdf else "hits found"),
        actor=by,
    )
    return check


def letter_check(outcome: QaOutcome | None) -> QaLetterCheck | None:
    return outcome.letter_checks.order_by("-ran_at", "-id").first() if outcome else None


# The files to be published ---------------------------------------------------------------


@dataclass(frozen=True)
class FileToPublish:
    kind: str
    label: str
    version: ReportVersion | None = None
    rendering: RenderedPdf | None = None
    outcome: QaOutcome | None = None
    problem: str = ""


# The report's documents published, each as the public PDF of its latest version.
DOCUMENTS = (
    (Document.OVERVIEW_REPORT, "Overview report"),
    (Document.EXECUTIVE_SUMMARY, "Executive summary"),
)


def _latest_public_renderings(case: Case, versions) -> dict[int, RenderedPdf]:
    """The latest ready public PDF of each of `versions`, with the hits of its latest leak
    check (None when never checked), read together."""
    if not versions:
        return {}
    latest_check = (
        LeakCheck.objects.filter(pdf=OuterRef("pk")).order_by("-ran_at", "-id").values("hits")[:1]
    )
    ready = (
        RenderedPdf.objects.filter(
            case=case,
            version__in=versions,
            variant=RenderedPdf.Variant.PUBLIC,
            status=RenderedPdf.Status.READY,
        )
        .annotate(latest_check_hits=Subquery(latest_check, output_field=JSONField()))
        .order_by("-requested_at", "-id")
    )
    renderings = {}
    for rendering in ready:
        renderings.setdefault((rendering.document, rendering.version_id), rendering)
    return renderings


def _rendering_to_publish(
    document: str, label: str, version: ReportVersion | None, rendering: RenderedPdf | None
) -> FileToPublish:
    if version is None:
        return FileToPublish(document, label, problem=f"There is no {label.lower()} yet.")
    if rendering is None:
        problem = f"Render the public PDF of the {label.lower()} (version {version.number})."
    elif not _passed_gate(rendering):
        problem = (
            f"Run the leak gate on the public PDF of the {label.lower()}: it is not publishable."
        )
    else:
        problem = ""
    return FileToPublish(document, label, version=version, rendering=rendering, problem=problem)


def _passed_gate(rendering: RenderedPdf) -> bool:
    """Publishable by a clean check of this very file: publishable_at is set only by
    reports.services.leak_gate.mark_publishable, and its latest check is clean (no hits)."""
    return rendering.publishable_at is not None and rendering.latest_check_hits == []


def _renderings_to_publish(case: Case) -> list[FileToPublish]:
    versions = latest_versions(case)
    renderings = _latest_public_renderings(case, list(versions.values()))
    return [
        _rendering_to_publish(
            document,
            label,
            versions.get(document),
            renderings.get((document, versions[document].pk)) if document in versions else None,
        )
        for document, label in DOCUMENTS
    ]


def _letter_to_publish(outcome: QaOutcome | None, check: QaLetterCheck | None) -> FileToPublish:
    label = PublishedFile.Kind.QA_LETTER.label
    if outcome is None:
        return FileToPublish(PublishedFile.Kind.QA_LETTER, label, problem="No QA letter yet.")
    if not _is_pdf(outcome):
        problem = (
            "The QA letter is a Word document: only PDFs are published. Ask the Home Office "
            "for it as a PDF."
        )
    elif check is None:
        problem = "Check the QA letter for leaks."
    elif not check.passed:
        problem = "The QA letter names someone in the register: it cannot be published."
    else:
        problem = ""
    return FileToPublish(PublishedFile.Kind.QA_LETTER, label, outcome=outcome, problem=problem)


def files_to_publish(
    case: Case, outcome: QaOutcome | None, check: QaLetterCheck | None
) -> list[FileToPublish]:
    """The files to publish, with `outcome` the review's latest QA outcome (its letter) and
    `check` its letter's latest check (letter_check)."""
    return [*_renderings_to_publish(case), _letter_to_publish(outcome, check)]


# The publish guard -----------------------------------------------------------------------


@dataclass(frozen=True)
class Readiness:
    """What the publication page and the publish guard read, each once."""

    outcome: QaOutcome | None
    letter_check: QaLetterCheck | None
    files: list[FileToPublish]
    agreed: PublicationDate | None
    forewarnings: list[FamilyForewarning]
    problems: list[str]


def readiness(case: Case) -> Readiness:
    """The files to publish and what stands between the review and publication (DOMAIN.md
    2.8 item 1), in order."""
    problems = []
    outcome = latest_outcome(case)
    if outcome is None or not outcome.clears:
        problems.append("The Home Office has not cleared the report.")
    if areas := list(areas_open(outcome)) if outcome else []:
        numbers = ", ".join(str(area.number) for area in areas)
        problems.append(f"Mark every area for final development done first (open: {numbers}).")
    if not criminal_proceedings_concluded(case):
        problems.append("Every related criminal proceeding must have concluded.")
    check = letter_check(outcome)
    files = files_to_publish(case, outcome, check)
    problems += [f.problem for f in files if f.problem]
    agreed = agreed_date(case)
    if agreed is None:
        problems.append("Record the publication date agreed with the family.")
    elif agreed.publish_on > today():
        # Not before the day agreed with the family (seed 002 (13)); later is a delay.
        problems.append(
            f"The date agreed with the family is {agreed.publish_on:%-d %B %Y}: publish on "
            "or after it, or agree a new date with them."
        )
    # The page lists them: read once, for the list and for the guard.
    forewarnings = list(forewarnings_latest_first(case))
    if not forewarnings:
        problems.append("Record that the family was forewarned of the consequences.")
    return Readiness(outcome, check, files, agreed, forewarnings, problems)


def publication_problems(case: Case) -> list[str]:
    return readiness(case).problems


def ready_to_publish(case: Case) -> str | None:
    """cleared, areas done, proceedings over, files gated, the agreed date come, family told

    The publish guard (added in PublicationConfig.ready): the first of
    publication_problems."""
    problems = publication_problems(case)
    return problems[0] if problems else None


# Publishing ------------------------------------------------------------------------------


def _title(case: Case) -> str:
    victim = case.people.filter(role=Person.Role.VICTIM).exclude(pseudonym="").first()
    name = victim.pseudonym if victim else "the victim"
    return f"{settings.DHR_REVIEW_NAME} into the death of {name}"


def _frozen(publication: Publication, chosen: FileToPublish) -> PublishedFile:
    if chosen.rendering is not None:
        data = stored_pdf(chosen.rendering)
    else:
        with chosen.outcome.letter.open("rb") as stored:
            data = stored.read()
    published = PublishedFile(
        publication=publication,
        kind=chosen.kind,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        rendering=chosen.rendering,
        version=chosen.version,
        qa_outcome=chosen.outcome,
    )
    store_document(published, "file", ContentFile(data, name=published.download_name))
    return published


def _summary(case: Case, version: ReportVersion) -> list[dict]:
    """The executive summary's text as published: each section through the anonymiser."""
    return [
        {"title": part.section.title, "text": part.anonymised.text}
        for part in anonymised_sections(version, Register.for_case(case))
        if part.anonymised.text.strip()
    ]


@atomic_with_documents
def publish(*, case: Case, by: User) -> Publication:
    """Publish the review: the guard holds (perform_transition runs it under the case's
    lock), and the files checked are copied, with their hashes, as the published files."""
    case = _lock(case, by)
    outcome = latest_outcome(case)
    chosen = files_to_publish(case, outcome, letter_check(outcome))
    case = perform_transition(case=case, name="publish", by=by)
    summary = next(f for f in chosen if f.kind == Document.EXECUTIVE_SUMMARY)
    publication = _saved(
        Publication(
            case=case,
            title=_title(case),
            partnership_name=case.partnership.name,
            published_on=today(),
            summary=_summary(case, summary.version),
            published_by=by,
        ),
        by,
    )
    for each in chosen:
        _saved(_frozen(publication, each), by)
    return publication


@transaction.atomic
def withhold(
    *, case: Case, by: User, decided_on: date, decided_by: str, reasons: str
) -> Withholding:
    """Withhold publication for compelling reasons (seed 000 l.373): the case moves on to
    monitoring; the report's copies owed (services.copies) are owed all the same."""
    case = _lock(case, by)
    _not_future(decided_on, "decided_on", "The date decided")
    if not reasons.strip():
        raise CaseActionRefused("Give the compelling reasons.", field="reasons")
    withholding = _saved(
        Withholding(
            case=case,
            decided_on=decided_on,
            decided_by=decided_by.strip(),
            reasons=reasons.strip(),
            recorded_by=by,
        ),
        by,
    )
    perform_transition(case=case, name="withhold_publication", by=by, reason=reasons.strip())
    return withholding


def earliest_withdrawal(publication: Publication) -> date:
    return add_calendar_months(publication.published_on, MONTHS_ONLINE)


@transaction.atomic
def withdraw(*, publication: Publication, by: User, kind: str, reason: str) -> Publication:
    """Take a published review off the public pages, by the CSP chair's recorded decision.
    Before its 12 months are up only for a reason that cannot wait: a court order, the
    welfare of someone concerned, someone identifiable, or publication in error."""
    lock_case_for(publication.case, by=by, permission="record_decision", refusal=WITHDRAWS)
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.withdrawn_on is not None:
        raise CaseActionRefused("This review has been withdrawn already.")
    if not reason.strip():
        raise CaseActionRefused("Say why it is withdrawn.", field="reason")
    if kind == Publication.WithdrawalKind.PERIOD_ENDED and today() < earliest_withdrawal(
        publication
    ):
        raise CaseActionRefused(
            "A published review stays online at least 12 months (until "
            f"{earliest_withdrawal(publication):%-d %B %Y}) unless a court order, someone's "
            "welfare, someone identifiable or an error requires it.",
            field="kind",
        )
    publication.withdrawn_on = today()
    publication.withdrawal_kind = kind
    publication.withdrawal_reason = reason.strip()
    publication.withdrawn_by = by
    _saved(publication, by)
    record_event(
        case=publication.case,
        name="publication.withdrawn",
        description="The review withdrawn from the public pages",
        actor=by,
        reason=reason.strip(),
    )
    return publication
