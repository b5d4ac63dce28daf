"""What must hold before the report goes to the partnership for sign-off (DOMAIN.md 2.5 items
3, 4, 5, 7, 8; seed 000 l.236-247; seed 001 §4.26-4.27): each agency agrees its actions at
senior level; each contributor confirms its information is fully and fairly represented; the
panel agrees the three documents, the date the six-month clock is met; the family is shown
the completed version and any disagreement is kept with the report."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases.models import Agency, Case, User

from .action_plan import Action
from .drafting import Document, ReportVersion, content_hash

# What an agreement to an action covers: everything SMART about it and its recommendation.
_AGREED_FIELDS = (
    "pk",
    "recommendation__number",
    "recommendation__text",
    "lead_agency_id",
    "owner",
    "action",
    "milestones",
    "target_on",
    "intended_outcome",
    "monitored_by",
    "scope",
)


def _hash(rows: list[tuple]) -> str:
    return content_hash({"actions": rows})


def _rows(actions: models.QuerySet[Action]) -> list[tuple]:
    return list(actions.order_by("pk").values_list(*_AGREED_FIELDS))


def action_plan_hash(case: Case) -> str:
    """A hash of the case's actions as they stand: an agreement to them holds while it
    matches."""
    return _hash(_rows(Action.objects.filter(recommendation__case=case)))


def agency_actions_hash(case: Case, agency_id: int) -> str:
    return _hash(_rows(Action.objects.filter(recommendation__case=case, lead_agency_id=agency_id)))


def actions_hashes_by_agency(case: Case) -> dict[int, str]:
    """agency_actions_hash of every agency leading an action on the case, in one query."""
    return _hashes_by_agency(_rows(Action.objects.filter(recommendation__case=case)))


def _hashes_by_agency(rows: list[tuple]) -> dict[int, str]:
    by_agency: dict[int, list[tuple]] = {}
    for row in rows:
        by_agency.setdefault(row[_AGREED_FIELDS.index("lead_agency_id")], []).append(row)
    return {agency_id: _hash(rows) for agency_id, rows in by_agency.items()}


# action_plan_hash of a case with no actions, which has no ActionsHash of its own.
EMPTY_ACTION_PLAN_HASH = _hash([])


class ActionsHash(models.Model):
    """A case's action_plan_hash (no agency) and the agency_actions_hash of each agency that
    leads an action, as the actions stand: kept by the services that change an action or a
    recommendation's text, in their transaction (keep_actions_hashes). The case page compares
    the agreements with them in SQL, which cannot hash the actions portably."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actions_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "agency"], name="one_actions_hash_per_agency"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(agency__isnull=True), name="one_action_plan_hash"
            ),
        ]

    def __str__(self):
        return f"The hash of {self.agency or 'all'}'s actions on {self.case}"


def keep_actions_hashes(case_id: int) -> None:
    """Store the case's ActionsHash rows as its actions now stand."""
    rows = _rows(Action.objects.filter(recommendation__case_id=case_id))
    ActionsHash.objects.filter(case_id=case_id).delete()
    ActionsHash.objects.bulk_create(
        [
            ActionsHash(case_id=case_id, agency_id=None, actions_hash=_hash(rows)),
            *(
                ActionsHash(case_id=case_id, agency_id=agency_id, actions_hash=actions_hash)
                for agency_id, actions_hash in _hashes_by_agency(rows).items()
            ),
        ]
    )


class ActionAgreement(models.Model):
    """An agency's agreement, at senior level, to the actions it leads (seed 000 l.243; seed
    001 §4.27): given here by its senior manager on the review, or given outside the service
    and recorded by the chair or the CSP officer. It stands for the actions as agreed
    (`actions_hash`); a later change to them needs a new agreement."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="action_agreements")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    agreed_by_name = models.CharField("who agreed", max_length=200)
    agreed_by_role = models.CharField("their post", max_length=200)
    agreed_on = models.DateField("date agreed")
    # Whether the senior manager agreed on the service themselves, rather than a record of
    # an agreement given by letter, e-mail or at a meeting.
    agreed_in_service = models.BooleanField(default=False)
    actions_hash = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "agency", "-agreed_on", "-id"]

    def __str__(self):
        return f"{self.agency}'s agreement to its actions on {self.case}"


class ContributorConfirmation(models.Model):
    """A contributor (an agency, or a named individual such as a GP who wrote a short
    report) asked to confirm its information is fully and fairly represented (seed 000
    l.238; seed 001 §4.26), and its answer."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="contributor_confirmations"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    individual = models.CharField(
        "named individual",
        max_length=300,
        blank=True,
        help_text="For a contributor who is not an agency: name, role and organisation.",
    )
    asked_on = models.DateField("date asked")
    confirmed_on = models.DateField("date confirmed", null=True, blank=True)
    comments = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "asked_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False, individual="")
                | Q(agency__isnull=True) & ~Q(individual=""),
                name="contributor_is_an_agency_or_an_individual",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_on__isnull=True) | Q(confirmed_on__gte=models.F("asked_on")),
                name="contributor_confirms_after_being_asked",
            ),
            models.UniqueConstraint(
                fields=["case", "agency"],
                condition=Q(agency__isnull=False),
                name="contributor_agency_asked_once",
            ),
            models.UniqueConstraint(
                fields=["case", "individual"],
                condition=Q(agency__isnull=True),
                name="contributor_individual_asked_once",
            ),
        ]

    def __str__(self):
        return f"{self.contributor}'s confirmation on {self.case}"

    @property
    def contributor(self) -> str:
        return str(self.agency) if self.agency_id else self.individual

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_on is not None


class PanelAgreement(models.Model):
    """The panel's agreement, at a meeting, of the overview report, the executive summary
    and the action plan as they then stood (seed 000 l.236-247; seed 001 §4.26-4.27), with
    its confirmation that the report is of a high standard and in line with the guidance,
    by the self-check of the Home Office QA panel's commonest feedback (DOMAIN.md 2.5 item
    4). Its date is when the six-month clock is met. A later version or a change to the
    actions leaves it standing for what it agreed, and no longer current."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="panel_agreements")
    agreed_on = models.DateField("date of the panel meeting")
    overview_report_version = models.ForeignKey(
        ReportVersion,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"document": Document.OVERVIEW_REPORT},
    )
    executive_summary_version = models.ForeignKey(
        ReportVersion,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"document": Document.EXECUTIVE_SUMMARY},
    )
    action_plan_hash = models.CharField(max_length=64)
    high_standard = models.BooleanField(
        "the report is of a high standard and in line with the statutory guidance"
    )
    equality_and_diversity = models.BooleanField("the report has an equality and diversity section")
    coercive_control_defined = models.BooleanField(
        "the report uses the definition of coercive and controlling behaviour"
    )
    family_voice_and_tribute = models.BooleanField(
        "the family's voice and the tribute to the victim are in the report"
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    CHECKS = (
        "high_standard",
        "equality_and_diversity",
        "coercive_control_defined",
        "family_voice_and_tribute",
    )

    class Meta:
        ordering = ["case", "-agreed_on", "-id"]
        get_latest_by = ["agreed_on", "id"]
        constraints = [
            # The panel agrees a report that passes its own quality check, or not at all.
            models.CheckConstraint(
                condition=Q(
                    high_standard=True,
                    equality_and_diversity=True,
                    coercive_control_defined=True,
                    family_voice_and_tribute=True,
                ),
                name="panel_agreement_passes_the_quality_check",
            ),
        ]

    def __str__(self):
        return f"The panel's agreement of the report on {self.case}"


class FamilyViewing(models.Model):
    """The family shown the completed version before it goes to the partnership, and their
    response: any disagreement is kept with the report (DOMAIN.md 2.2 item 9, 2.5 item 7;
    seed 000 l.207). Or why there is no family to show it to (none is known, or they
    declined to be involved)."""

    class Kind(models.TextChoices):
        SHOWN = "shown", "The family was shown the completed version"
        NO_FAMILY = "no_family", "There is no family to show it to"

    class Response(models.TextChoices):
        AGREES = "agrees", "They agree with it"
        DISAGREES = "disagrees", "They disagree with part of it"
        NO_RESPONSE = "no_response", "They have not responded"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="family_viewings")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    overview_report_version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    executive_summary_version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shown_on = models.DateField("date shown", null=True, blank=True)
    how = models.TextField(
        "how it was shown", blank=True, help_text="For example: in person with the advocate."
    )
    response = models.CharField(max_length=12, choices=Response.choices, blank=True)
    disagreement = models.TextField("what they disagree with", blank=True)
    no_family_reason = models.TextField("why there is no family to show it to", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind="shown",
                    overview_report_version__isnull=False,
                    executive_summary_version__isnull=False,
                    shown_on__isnull=False,
                    no_family_reason="",
                )
                & ~Q(how="")
                & ~Q(response="")
                | Q(
                    kind="no_family",
                    overview_report_version__isnull=True,
                    executive_summary_version__isnull=True,
                    shown_on__isnull=True,
                    response="",
                    disagreement="",
                )
                & ~Q(no_family_reason=""),
                name="family_viewing_whole",
            ),
            # A disagreement is recorded in the family's words, or not claimed.
            models.CheckConstraint(
                condition=~Q(response="disagrees") | ~Q(disagreement=""),
                name="family_disagreement_recorded",
            ),
        ]

    def __str__(self):
        return f"The family's viewing of the report on {self.case}"
