"""Family, friends and other support networks (DOMAIN.md 2.2 items 1-4 and 6-8).

Everything here is as restricted as the people register: it names the family, says what
they told the review and why they may be in danger. Only people with
cases.view_people_register read it (panels.views.family), and the case's timeline, seen by
panel members, carries only that a step happened, never its content.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Case, Person, User


class FamilyAdvocate(models.Model):
    """The designated advocate all communication with the family goes through (seed 000
    l.201), identified early with the police family liaison officer and SIO (l.191). A new
    advocate replaces the last one, who is kept with the date they were replaced."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="family_advocates")
    name = models.CharField("advocate's name", max_length=200)
    organisation = models.CharField(
        max_length=200,
        help_text="For example a voluntary or community service, or a specialist advocacy "
        "organisation.",
    )
    existing_relationship = models.BooleanField(
        "already had a working relationship with the family", default=False
    )
    identified_with_police = models.BooleanField(
        "identified with the police family liaison officer or senior investigating officer",
        default=False,
    )
    police_contact = models.CharField(
        "police family liaison officer or SIO consulted", max_length=200, blank=True
    )
    named_on = models.DateField("date named")
    replaced_on = models.DateField(null=True, blank=True)
    named_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-named_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(replaced_on__isnull=True),
                name="family_one_current_advocate",
                violation_error_message="The case already has a current family advocate.",
            )
        ]

    def __str__(self):
        return f"Family advocate on {self.case}"


class NetworkMember(models.Model):
    """Someone from the victim's or the perpetrator's networks who is, or may be, involved
    in the review (seed 000 l.172-174, l.193), linked to their entry in the register."""

    class Network(models.TextChoices):
        VICTIM = "victim", "The victim's network"
        PERPETRATOR = "perpetrator", "The perpetrator's network"

    class Connection(models.TextChoices):
        FAMILY = "family", "Family"
        FRIEND = "friend", "Friend"
        COLLEAGUE = "colleague", "Colleague"
        EMPLOYER = "employer", "Employer"
        HEALTH_PROFESSIONAL = "health_professional", "Health professional"
        VOLUNTARY_ORGANISATION = "voluntary_organisation", "Voluntary or community organisation"
        # "The chair will also, where possible, interview the perpetrator" (seed 004 l.27).
        PERPETRATOR = "perpetrator", "The perpetrator, to be interviewed where possible"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="network_members")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name="person in the register"
    )
    network = models.CharField(max_length=20, choices=Network.choices)
    connection = models.CharField(max_length=30, choices=Connection.choices)
    relationship = models.CharField(
        max_length=200, help_text="For example: sister, closest friend, line manager."
    )
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "id"]
        verbose_name = "person from the support networks"
        verbose_name_plural = "people from the support networks"
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                name="family_network_member_once",
                violation_error_message="This person is already in the family and friends record.",
            )
        ]

    def __str__(self):
        return f"{self.relationship} ({self.get_network_display().lower()})"

    def clean(self):
        if self.person_id and self.case_id and self.person.case_id != self.case_id:
            raise ValidationError({"person": "Select a person in this case's register."})


class InvolvementDecision(models.Model):
    """A decision not to involve someone, or to delay contact, with its reasons (seed 000
    l.174, l.202). Suspected honour-based abuse needs a practitioner with expertise
    consulted (l.218) and extra confidentiality checks on interpreters and agency members
    with links to the family (l.216)."""

    class Kind(models.TextChoices):
        NOT_INVOLVE = "not_involve", "Not to involve them"
        DELAY = "delay", "To delay contact"

    class Reason(models.TextChoices):
        HONOUR_BASED_ABUSE = "honour_based_abuse", "Suspected honour-based abuse"
        POST_MORTEM = "post_mortem", "Timing: the post mortem"
        CRIMINAL_INVESTIGATION = (
            "criminal_investigation",
            "Timing: the criminal investigation or trial",
        )
        OTHER = "other", "Other exceptional circumstances"

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="family_involvement_decisions"
    )
    member = models.ForeignKey(
        NetworkMember,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="involvement_decisions",
        verbose_name="who the decision is about",
    )
    kind = models.CharField("decision", max_length=20, choices=Kind.choices)
    reason = models.CharField(max_length=30, choices=Reason.choices)
    explanation = models.TextField()
    decided_on = models.DateField("date decided")
    contact_expected_on = models.DateField("contact expected from", null=True, blank=True)
    expert_consulted = models.CharField(
        "practitioner with expertise consulted", max_length=300, blank=True
    )
    interpreter_checks = models.TextField("confidentiality checks on interpreters", blank=True)
    agency_member_checks = models.TextField(
        "confidentiality checks on agency members with links to the family", blank=True
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    HONOUR_BASED_ABUSE_CHECKS = ("expert_consulted", "interpreter_checks", "agency_member_checks")

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"Decision {self.get_kind_display().lower()} on {self.case}"

    def clean(self):
        errors = {}
        if self.reason == self.Reason.HONOUR_BASED_ABUSE:
            # seed 000 l.216-218: not optional when honour-based abuse is suspected.
            missing = {
                "expert_consulted": "Enter the practitioner with expertise you consulted.",
                "interpreter_checks": "Enter the confidentiality checks made on interpreters.",
                "agency_member_checks": "Enter the confidentiality checks made on agency "
                "members with links to the family.",
            }
            errors |= {f: m for f, m in missing.items() if not getattr(self, f).strip()}
        if self.contact_expected_on and self.kind != self.Kind.DELAY:
            errors["contact_expected_on"] = "Leave this blank unless contact is delayed."
        expected, decided = self.contact_expected_on, self.decided_on
        if expected and decided and expected < decided:
            errors["contact_expected_on"] = "Contact expected from must be after the decision."
        if self.member_id and self.case_id and self.member.case_id != self.case_id:
            errors["member"] = "Select someone in this case's family and friends record."
        if errors:
            raise ValidationError(errors)


class FirstContact(models.Model):
    """The first contact with someone: in person, with the information letter and the Home
    Office leaflet (seed 000 l.195, l.203), in their language."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="family_first_contacts")
    member = models.OneToOneField(
        NetworkMember, on_delete=models.PROTECT, related_name="first_contact", verbose_name="who"
    )
    contacted_on = models.DateField("date of first contact")
    made_by = models.CharField(
        "who made contact", max_length=200, help_text="For example: the advocate and the chair."
    )
    in_person = models.BooleanField("made in person")
    not_in_person_reason = models.TextField("why it was not in person", blank=True)
    information_letter_delivered = models.BooleanField(
        "the information letter was delivered", default=False
    )
    leaflet_delivered = models.BooleanField("the Home Office leaflet was delivered", default=False)
    language = models.CharField(max_length=100, default="English")
    interpreter = models.CharField(
        "interpreter used", max_length=200, blank=True, help_text="Name and agency, if any."
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["contacted_on", "id"]

    def __str__(self):
        return f"First contact on {self.case}"

    def clean(self):
        if self.in_person is False and not self.not_in_person_reason.strip():
            # seed 000 l.203: "ensure initial contact is made in person".
            raise ValidationError(
                {"not_in_person_reason": "Enter why the first contact was not in person."}
            )


class ContactLogEntry(models.Model):
    """An update or interview, usually through the advocate (seed 000 l.204), kept up even
    when the family declines to take part (l.208)."""

    class Kind(models.TextChoices):
        UPDATE = "update", "Update on the review"
        INTERVIEW = "interview", "Interview"

    class Method(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        TELEPHONE = "telephone", "Telephone"
        VIDEO = "video", "Video call"
        LETTER = "letter", "Letter"
        EMAIL = "email", "E-mail"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="family_contacts")
    member = models.ForeignKey(
        NetworkMember, on_delete=models.PROTECT, related_name="contacts", verbose_name="who"
    )
    contacted_on = models.DateField("date")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    method = models.CharField("how", max_length=20, choices=Method.choices)
    through_advocate = models.BooleanField("through the advocate", default=True)
    summary = models.TextField()
    publication_timeline = models.CharField(
        "expected timeline to publication, as given",
        max_length=300,
        blank=True,
        help_text="What they were told of when the review is expected to be published.",
    )
    declined = models.BooleanField("they declined to take part in the review", default=False)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-contacted_on", "-id"]
        verbose_name_plural = "contact log entries"

    def __str__(self):
        return f"Contact on {self.case}"


class Contribution(models.Model):
    """What someone told the review. A private contribution is never published (seed 000
    l.178, l.205); each says how it assisted the review (l.206)."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private: never to be published"
        PUBLISHABLE = "publishable", "May be published"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="family_contributions")
    member = models.ForeignKey(
        NetworkMember, on_delete=models.PROTECT, related_name="contributions", verbose_name="who"
    )
    received_on = models.DateField("date received")
    visibility = models.CharField("may it be published?", max_length=20, choices=Visibility.choices)
    content = models.TextField("what they told the review")
    how_it_assisted = models.TextField("how it assisted the review")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return f"Contribution {self.pk} on {self.case}"


class PseudonymChoice(models.Model):
    """Who chose a person's pseudonym, and when (DOMAIN.md 2.2 item 8). The pseudonym
    itself lives on the register (Person.pseudonym); this says where it came from."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="pseudonym_choices")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name="whose pseudonym"
    )
    pseudonym = models.CharField(max_length=100)
    chosen_by = models.ForeignKey(
        NetworkMember, on_delete=models.PROTECT, related_name="+", verbose_name="chosen by"
    )
    chosen_on = models.DateField("date chosen")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-chosen_on", "-id"]

    def __str__(self):
        return f"Pseudonym choice on {self.case}"


class Tribute(models.Model):
    """The family's tribute to the victim (QA-Devon notes its absence), one per case."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="family_tribute")
    text = models.TextField("tribute")
    written_by = models.ForeignKey(
        NetworkMember, on_delete=models.PROTECT, related_name="+", verbose_name="written by"
    )
    agreed_for_publication = models.BooleanField(
        "the family agreed it for publication", default=False
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    def __str__(self):
        return f"Tribute on {self.case}"
