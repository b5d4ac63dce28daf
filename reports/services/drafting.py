"""Drafting the overview report and the executive summary (DOMAIN.md 2.5 items 1-2): the
independent chair saves each section as written and fixes versions; the panel comments on
a version per section, in threads the chair resolves. Every change takes the case's lock
and checks, inside it, the stage and the permission."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from cases import versions
from cases.models import Case, User
from cases.services import CaseActionRefused, record_event
from cases.versions import SectionDiff, Thread
from imr.models import Imr

from ..models import Document, DraftSection, ReportComment, ReportVersion
from ..models.drafting import content_hash, sections_of
from . import is_drafting, lock_while_drafting

WRITE = "write_overview_report"
COMMENT = "comment"
MAY_NOT_WRITE = "You may not write the report."


def _label(document: str) -> str:
    return Document(document).label


# Reading ------------------------------------------------------------------------------------


def draft_texts(case: Case, document: str) -> dict[str, str]:
    """Every section's current text, in the document's order ("" where nothing is saved)."""
    saved = dict(
        DraftSection.objects.filter(case=case, document=document).values_list("key", "text")
    )
    return {section.key: saved.get(section.key, "") for section in sections_of(document)}


@dataclass(frozen=True)
class DocumentState:
    """Where a document stands: how many of its sections have text, and its versions."""

    document: Document
    written: int
    latest: ReportVersion | None

    @property
    def sections(self) -> int:
        return len(sections_of(self.document))


def documents_of(case: Case) -> list[DocumentState]:
    """The two documents' states, in two queries."""
    written = dict(
        DraftSection.objects.filter(case=case)
        .exclude(text="")
        .values("document")
        .annotate(written=Count("id"))
        .values_list("document", "written")
    )
    # Read oldest first, so each document's newest version is the one kept (without the
    # text; DISTINCT ON is PostgreSQL's only, and the demo runs on SQLite).
    latest = {
        version.document: version
        for version in ReportVersion.objects.filter(case=case)
        .defer("sections")
        .select_related("made_by")
        .order_by("number")
    }
    return [
        DocumentState(document, written.get(document, 0), latest.get(document))
        for document in Document
    ]


def versions_of(case: Case, document: str) -> list[ReportVersion]:
    """The document's versions, newest first, each with its count of open threads."""
    return list(
        ReportVersion.objects.filter(case=case, document=document)
        .select_related("made_by")
        .annotate(
            open_threads=Count(
                "comments", filter=Q(comments__reply_to=None, comments__resolved_at=None)
            )
        )
        .order_by("-number")
    )


def threads_of(version: ReportVersion) -> dict[str, list[Thread]]:
    """Each section's comment threads on `version`, oldest first, in one query."""
    return versions.threads_by_section(
        version.comments.select_related("by", "resolved_by").order_by("at", "id"),
        (section.key for section in sections_of(version.document)),
    )


def compare(older: ReportVersion, newer: ReportVersion) -> list[SectionDiff]:
    return versions.compare_sections(sections_of(newer.document), older.sections, newer.sections)


def accepted_imrs(case: Case) -> list[Imr]:
    """The IMRs the chair draws on: the accepted ones, each with its newest version's number."""
    return list(
        case.imrs.filter(status=Imr.Status.ACCEPTED)
        .select_related("agency")
        .annotate(latest_version=Max("versions__number"))
        .order_by("agency__name")
    )


def latest_version(case: Case, document: str) -> ReportVersion | None:
    return (
        ReportVersion.objects.filter(case=case, document=document)
        .select_related("made_by")
        .order_by("-number")
        .first()
    )


# Writing ------------------------------------------------------------------------------------


@transaction.atomic
def save_sections(
    *, case: Case, by: User, document: str, texts: dict[str, str]
) -> list[DraftSection]:
    """Keep what the chair has written, complete or not. Only the sections whose text
    changed are saved, so each entry in their history is a real change."""
    case = lock_while_drafting(case, by=by, permission=WRITE, refusal=MAY_NOT_WRITE)
    keys = [section.key for section in sections_of(document)]
    if unknown := set(texts) - set(keys):
        raise CaseActionRefused(
            f"These are not sections of the {_label(document).lower()}: {sorted(unknown)}."
        )
    drafts = {
        draft.key: draft for draft in DraftSection.objects.filter(case=case, document=document)
    }
    changed = []
    for key in keys:
        text = texts.get(key, "").strip()
        draft = drafts.get(key) or DraftSection(case=case, document=document, key=key)
        if draft.text == text:  # unchanged, or still empty and never saved
            continue
        draft.text, draft.updated_by = text, by
        draft._history_user = by
        draft.save()
        changed.append(draft)
    return changed


@transaction.atomic
def make_version(*, case: Case, by: User, document: str, note: str = "") -> ReportVersion:
    """Fix the document as it is drafted now as its next version. Refused when nothing is
    written, or when nothing changed since the latest version (a second click included:
    it waits for the first's lock, then finds the text the same)."""
    case = lock_while_drafting(case, by=by, permission=WRITE, refusal=MAY_NOT_WRITE)
    sections = draft_texts(case, document)
    label = _label(document)
    if not any(text.strip() for text in sections.values()):
        raise CaseActionRefused(f"Write a section of the {label.lower()} first.")
    latest = latest_version(case, document)
    if latest is not None and latest.content_hash == content_hash(sections):
        raise CaseActionRefused(
            f"Nothing has changed since version {latest.number}: change the draft first.",
            field="note",
        )
    version = ReportVersion(
        case=case,
        document=document,
        number=latest.number + 1 if latest else 1,
        sections=sections,
        note=note.strip(),
        made_by=by,
    )
    version._history_user = by
    version.save()
    record_event(
        case=case,
        name="report.version_made",
        description=f"{label}: version {version.number} made"
        + (f" ({version.note})" if version.note else ""),
        actor=by,
    )
    return version


@transaction.atomic
def save_and_make_version(
    *, case: Case, by: User, document: str, texts: dict[str, str], note: str = ""
) -> ReportVersion:
    """The draft as sent, saved and fixed as a version at once; refused as a whole, so a
    refused version leaves the draft as it was."""
    save_sections(case=case, by=by, document=document, texts=texts)
    return make_version(case=case, by=by, document=document, note=note)


# Comments -----------------------------------------------------------------------------------


def may_comment(case: Case, permissions: frozenset[str]) -> bool:
    """The panel and the chair comment, and reply, while the report is drafted."""
    return COMMENT in permissions and is_drafting(case)


def may_resolve(case: Case, permissions: frozenset[str]) -> bool:
    return WRITE in permissions and is_drafting(case)


@transaction.atomic
def comment_on(
    *,
    version: ReportVersion,
    by: User,
    section: str,
    text: str,
    reply_to: ReportComment | None = None,
) -> ReportComment:
    """A comment on a section of the document's newest version, or a reply within a
    thread (on whichever version the thread is)."""
    case = lock_while_drafting(
        version.case, by=by, permission=COMMENT, refusal="You may not comment on the report."
    )
    if not text.strip():
        raise CaseActionRefused("Enter your comment.", field="text")
    if reply_to is None:
        if section not in {s.key for s in sections_of(version.document)}:
            raise CaseActionRefused("Choose the section you comment on.", field="section")
        if version.pk != latest_version(case, version.document).pk:
            raise CaseActionRefused(
                "Comments are made on the newest version; open it to comment.", field="text"
            )
    else:
        thread = ReportComment.objects.select_related("version").get(
            pk=reply_to.reply_to_id or reply_to.pk
        )
        if thread.version.case_id != case.pk:
            raise CaseActionRefused("That comment is not on this review's report.")
        if thread.is_resolved:
            raise CaseActionRefused("That thread is resolved.", field="text")
        reply_to, version, section = thread, thread.version, thread.section
    comment = ReportComment(
        version=version, section=section, reply_to=reply_to, by=by, text=text.strip()
    )
    comment._history_user = by
    comment.save()
    return comment


@transaction.atomic
def resolve_thread(*, comment: ReportComment, by: User) -> ReportComment:
    """The chair marks a thread dealt with."""
    thread_id = comment.reply_to_id or comment.pk
    case = lock_while_drafting(
        comment.version.case,
        by=by,
        permission=WRITE,
        refusal="Only the independent chair resolves comments on the report.",
    )
    thread = ReportComment.objects.select_for_update().get(pk=thread_id, version__case=case)
    if thread.is_resolved:
        raise CaseActionRefused("That thread is resolved already.")
    thread.resolved_by, thread.resolved_at = by, timezone.now()
    thread._history_user = by
    thread.save(update_fields=["resolved_by", "resolved_at"])
    return thread
