from django import forms
from django.utils.text import capfirst

from dhr.forms import GOVUKDateField
from dhr.uploads import DocumentField

from . import clocks, rules
from .models import (
    Agency,
    Case,
    CaseLetter,
    Decision,
    FamilyLetterNotSent,
    Partnership,
    Person,
    Reopening,
    StandingPanelRecommendation,
    User,
)
from .roles import CaseRole


class NotificationForm(forms.ModelForm):
    notified_on = GOVUKDateField(
        label="Date the partnership was notified",
        # The clock starts when the death first came to the partnership's attention, and
        # informal notice from the police counts (seed 000 l.160; seed 002 (1), (3)).
        help_text="The day the death first came to the partnership's attention: informal "
        "notice from the police counts. The one-month decision clock starts on this date. "
        "For example, 27 3 2026.",
    )
    date_of_death = GOVUKDateField(label="Date of death")
    source = forms.ChoiceField(
        choices=Case.Source.choices,
        widget=forms.RadioSelect,
        label="Where the notification came from",
    )
    # GOV.UK conditional reveals: each source asks only its own questions.
    conditional_reveals = {
        "source": {
            Case.Source.POLICE: ["police_force", "police_reference"],
            Case.Source.REFERRAL: ["referring_agency", "referrer_name"],
        }
    }

    class Meta:
        model = Case
        fields = Case.NOTIFICATION_FIELDS
        widgets = {"source": forms.RadioSelect, "circumstances": forms.Textarea(attrs={"rows": 5})}
        labels = {"suspected_suicide": "The victim is thought to have taken their own life"}
        help_texts = {
            "referring_agency": "If an agency rather than the police referred the death.",
            "circumstances": "What is known of how the person died. Keep to the facts.",
        }

    def clean(self):
        cleaned = super().clean()
        notified_on, date_of_death = cleaned.get("notified_on"), cleaned.get("date_of_death")
        if notified_on and date_of_death and date_of_death > notified_on:
            self.add_error(
                "date_of_death",
                "Date of death must be the same as or before the date the partnership "
                "was notified.",
            )
        source = cleaned.get("source")
        if source == Case.Source.POLICE and not cleaned.get("police_force"):
            self.add_error("police_force", "Enter the police force that sent the notification.")
        if (
            source == Case.Source.REFERRAL
            and not cleaned.get("referring_agency")
            and not cleaned.get("referrer_name")
        ):
            self.add_error(
                "referring_agency",
                "Select the agency that referred the death, or name the professional.",
            )
        return cleaned

    def _post_clean(self):
        # The case's constraints are checked by the service with the issued reference.
        pass


class NotificationCorrectionForm(NotificationForm):
    reason = forms.CharField(
        label="Why are you correcting the notification?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the date the partnership was notified changes: it moves the "
        "decision deadline. Kept in the audit trail.",
    )


class NewDeathConfirmationForm(forms.Form):
    """Shown when a notification looks like one already recorded (cases.services)."""

    confirm_new_death = forms.BooleanField(
        required=False,
        label="This is a different death: record it as a new case",
    )


class PersonForm(forms.ModelForm):
    date_of_birth = GOVUKDateField(label="Date of birth", required=False)
    date_of_death = GOVUKDateField(
        label="Date of death, if they died",
        required=False,
        help_text="Only if it differs from the date of death on the notification.",
    )

    class Meta:
        model = Person
        fields = [
            "real_name",
            "aliases",
            "date_of_birth",
            "gender",
            "ethnicity",
            "address",
            "relationship_to_victim",
            "charged",
            "deceased",
            "date_of_death",
            "pseudonym",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "charged": forms.NullBooleanSelect,
        }
        labels = {"real_name": "Full name"}

    def _post_clean(self):
        # Validated again by the service once the person belongs to a case.
        pass


class VictimForm(PersonForm):
    date_of_death = None  # the notification's date of death is the victim's

    class Meta(PersonForm.Meta):
        # The victim has no relationship to themself, no charge, and is deceased.
        fields = [
            field
            for field in PersonForm.Meta.fields
            if field not in {"relationship_to_victim", "charged", "deceased", "date_of_death"}
        ]
        labels = {"real_name": "Victim's full name"}


class SuspectForm(PersonForm):
    """Optional: a suspected suicide has no suspect. Left blank, no suspect is recorded."""

    class Meta(PersonForm.Meta):
        labels = {"real_name": "Suspect's full name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, empty_permitted=True, use_required_attribute=False, **kwargs)

    def clean_relationship_to_victim(self):
        relationship = self.cleaned_data["relationship_to_victim"]
        if not relationship:
            raise forms.ValidationError("Select the suspect's relationship to the victim.")
        return relationship


class AddPersonForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = ["role", *PersonForm.Meta.fields]
        widgets = {**PersonForm.Meta.widgets, "role": forms.RadioSelect}
        help_texts = {"role": "Add a second victim here, for example after a double homicide."}


class RecommendationForm(forms.ModelForm):
    met_on = GOVUKDateField(label="Date the standing panel met")
    # No blank choice: a radio group starts with nothing selected (GOV.UK radios pattern).
    meets_criteria = forms.ChoiceField(
        choices=StandingPanelRecommendation.Criteria.choices,
        widget=forms.RadioSelect,
        label=capfirst(StandingPanelRecommendation._meta.get_field("meets_criteria").verbose_name),
    )

    class Meta:
        model = StandingPanelRecommendation
        fields = [
            "met_on",
            "meets_criteria",
            "safeguarding_boards",
            "suggested_membership",
            "draft_terms_of_reference",
        ]
        widgets = {
            "meets_criteria": forms.RadioSelect,
            "safeguarding_boards": forms.Textarea(attrs={"rows": 2}),
            "suggested_membership": forms.Textarea(attrs={"rows": 4}),
            "draft_terms_of_reference": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    def clean_met_on(self):
        met_on = self.cleaned_data["met_on"]
        if met_on and met_on < self.case.notified_on:
            raise forms.ValidationError(
                "Date the standing panel met must be on or after the notification."
            )
        return met_on

    def _post_clean(self):
        pass


class DecisionForm(forms.Form):
    """The CSP chair's decision. A joint review and another review leading ask more, on a
    page of their own (DecisionDetailsForm): GOV.UK's conditional reveals put aria-expanded
    on radios, which axe-core refuses (alphagov/govuk-frontend#979)."""

    # Radios start with nothing chosen: no blank choice (GOV.UK radios pattern).
    decision = forms.ChoiceField(
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        label="Decision",
        error_messages={"required": "Select the decision."},
    )
    decided_on = GOVUKDateField(label="Date of the decision")
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="Required when no review is held or another review leads: the Home Office "
        "reads them and may overrule the decision.",
    )
    single_agency_review_suggested = forms.BooleanField(
        required=False,
        label="Suggest a single-agency review instead",
        help_text="Only when no review is held.",
    )

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        decision, decided_on = cleaned.get("decision"), cleaned.get("decided_on")
        starts_on = self.case.decision_clock_starts_on()
        if decided_on and decided_on < starts_on:
            since = (
                "the date the partnership was notified"
                if starts_on == self.case.notified_on
                else "the date the Home Office's letter or direction was received"
            )
            self.add_error(
                "decided_on",
                f"Date of the decision must be on or after {since} ({starts_on:%-d %B %Y}).",
            )
        if (
            decision in (Decision.Outcome.NO_REVIEW, Decision.Outcome.OTHER_REVIEW)
            and not cleaned.get("reasons", "").strip()
        ):
            self.add_error("reasons", "Enter the reasons for the decision.")
        return cleaned


class DecisionDetailsForm(forms.Form):
    """The second page of a decision that needs more than the first asks."""

    title = ""

    @staticmethod
    def for_decision(decision: str) -> "type[DecisionDetailsForm] | None":
        return {
            Decision.Outcome.JOINT_REVIEW: JointReviewForm,
            Decision.Outcome.OTHER_REVIEW: OtherReviewForm,
        }.get(decision)


class JointReviewForm(DecisionDetailsForm):
    """A review held jointly, or in coordination, with a SAR or a CSPR (seed 001 §3.3):
    which review, which body leads and who chairs."""

    title = "About the joint review"
    other_review = forms.ChoiceField(
        choices=[
            (value, label)
            for value, label in Decision.OtherReview.choices
            if value in Decision.JOINT_WITH
        ],
        widget=forms.RadioSelect,
        label="Which review is it held with?",
        error_messages={
            "required": "Select whether the review is held with a safeguarding adults review "
            "or a child safeguarding practice review."
        },
    )
    other_review_reference = forms.CharField(
        required=False,
        max_length=100,
        label="The other review's reference (optional)",
        help_text="As the safeguarding board knows it.",
    )
    lead_body = forms.CharField(
        max_length=200,
        label="Which body leads the joint review",
        help_text="For example, this partnership or the Riverside Safeguarding Adults Board.",
        error_messages={"required": "Enter which body leads the joint review."},
    )
    joint_chair = forms.CharField(
        max_length=200,
        label="Who chairs the joint review",
        error_messages={"required": "Enter who chairs the joint review."},
    )


class OtherReviewForm(DecisionDetailsForm):
    title = "Another review leads"
    other_review = forms.ChoiceField(
        choices=Decision.OtherReview.choices,
        widget=forms.RadioSelect,
        label="Which review leads?",
        error_messages={"required": "Select which review leads."},
    )


class LetterForm(forms.Form):
    recipient = forms.ChoiceField(
        choices=CaseLetter.Recipient.choices, widget=forms.RadioSelect, label="Sent to"
    )
    sent_on = GOVUKDateField(label="Date sent")
    method = forms.ChoiceField(
        choices=CaseLetter.Method.choices, widget=forms.RadioSelect, label="How it was sent"
    )
    copy = DocumentField(what="the letter", label="A copy of the letter")

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)
        to_record = case.letters_to_record()
        self.fields["recipient"].choices = [
            choice for choice in CaseLetter.Recipient.choices if choice[0] in to_record
        ]

    def clean_sent_on(self):
        sent_on = self.cleaned_data["sent_on"]
        if sent_on and self.case.decided_on and sent_on < self.case.decided_on:
            raise forms.ValidationError("Date sent must be on or after the date of the decision.")
        return sent_on


class FamilyLetterNotSentForm(forms.Form):
    reason = forms.ChoiceField(
        choices=FamilyLetterNotSent.Reason.choices,
        widget=forms.RadioSelect,
        label="Why is no letter sent to the family?",
        error_messages={"required": "Select why no letter is sent to the family."},
    )
    explanation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Details",
        error_messages={"required": "Enter the details of why no letter is sent."},
        help_text="For example, who gave the advice and until when contact is deferred, or "
        "how you found there is no family to write to.",
    )
    recorded_on = GOVUKDateField(
        label="Date",
        help_text="When the advice was given or the finding made. For example, 27 3 2026.",
    )


class PauseForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for the pause."},
        help_text="For example, criminal proceedings: the trial is listed for March.",
    )
    starts_on = GOVUKDateField(label="Paused from")
    expected_end_on = GOVUKDateField(
        label="Expected to resume",
        required=False,
        allow_future=True,
        help_text="If known, for example the end of the trial. The review stays paused "
        "until someone resumes it, whatever this date.",
    )

    def __init__(self, *args, cause_label: str = "", causes=(), **kwargs):
        """`causes`: what later apps offer as the pause's cause (the case's parallel
        proceedings, cases.services.pause_cause_choices); asked only when there are some."""
        super().__init__(*args, **kwargs)
        if causes:
            self.fields["caused_by"] = forms.ChoiceField(
                label=f"{cause_label} (optional)",
                choices=[("", "None of these"), *causes],
                required=False,
            )


class ResumeForm(forms.Form):
    resumed_on = GOVUKDateField(label="Date the review resumed")


class ExtensionForm(forms.Form):
    new_due_on = GOVUKDateField(label="New due date", allow_future=True)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why is more time needed?",
        error_messages={"required": "Enter why more time is needed."},
    )
    agreed_by = forms.ModelChoiceField(
        queryset=User.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="CSP chair who agreed the new date",
        error_messages={"required": "Select the CSP chair who agreed the new date."},
    )
    agreed_on = GOVUKDateField(label="Date the CSP chair agreed")
    home_office_told_on = GOVUKDateField(
        label="Date the Home Office was told",
        required=False,
        help_text="Every extension goes beyond six months from the decision, so the Home "
        "Office must be told. Leave blank if it has not been told yet: the case will show "
        "it as outstanding.",
    )

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"].queryset = User.objects.filter(
            case_memberships__case=case,
            case_memberships__role=CaseRole.CSP_CHAIR,
            case_memberships__ended_at__isnull=True,
        ).order_by("full_name")

    def clean_new_due_on(self):
        new_due_on = self.cleaned_data["new_due_on"]
        current = self.case.overview_report_due_on
        if new_due_on and (problem := clocks.extension_date_problem(current, new_due_on)):
            raise forms.ValidationError(problem)
        return new_due_on


class HomeOfficeToldForm(forms.Form):
    told_on = GOVUKDateField(label="Date the Home Office was told")


class PersonCorrectionForm(PersonForm):
    reason = forms.CharField(
        label="Why are you correcting these details? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the audit trail.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.role == Person.Role.VICTIM:
            for field in ("relationship_to_victim", "charged", "deceased"):
                del self.fields[field]


class ReopenForm(forms.Form):
    """The Home Office's letter or s.9(2) direction that reopens a case."""

    kind = forms.ChoiceField(
        choices=Reopening.Kind.choices,
        widget=forms.RadioSelect,
        label="What did the Home Office send?",
        error_messages={"required": "Select whether the Home Office sent a letter or a direction."},
    )
    received_on = GOVUKDateField(
        label="Date received",
        help_text="The new decision, and the letters about it, are due a calendar month after "
        "this date. For example, 27 3 2026.",
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What does it say?",
        error_messages={"required": "Enter what the Home Office's letter or direction says."},
        help_text="In short: why the Home Office asks for a review, and anything it asks the "
        "partnership to consider.",
    )
    copy = DocumentField(
        what="the letter or direction",
        required=False,
        label="A copy of the letter or direction (optional)",
    )

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        overruled = self.case.current_decision()
        if received_on and overruled and received_on < overruled.decided_on:
            raise forms.ValidationError(
                "Date received must be on or after the date of the decision it overrules "
                f"({overruled.decided_on:%-d %B %Y})."
            )
        return received_on


class TransferForm(forms.Form):
    """Pass the case to the partnership where the victim normally lived."""

    to_partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Which partnership leads?",
        help_text="The partnership for the area where the victim normally lived.",
        error_messages={"required": "Select the partnership where the victim normally lived."},
    )
    transferred_on = GOVUKDateField(
        label="Date transferred",
        help_text="The day the lead partnership was told. Its one-month decision clock starts "
        "then. For example, 27 3 2026.",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Why does that partnership lead?",
        error_messages={"required": "Enter why the other partnership leads."},
        help_text="For example, where the victim lived and how you know.",
    )

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)
        self.fields["to_partnership"].queryset = Partnership.objects.exclude(
            pk=case.partnership_id
        ).order_by("name")

    def clean_transferred_on(self):
        transferred_on = self.cleaned_data["transferred_on"]
        if transferred_on and transferred_on < self.case.notified_on:
            raise forms.ValidationError(
                "Date transferred must be on or after the date the partnership was notified "
                f"({self.case.notified_on:%-d %B %Y})."
            )
        return transferred_on


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))


class MembershipForm(forms.Form):
    """Add someone to the case in a role the person adding may give (cases.rules)."""

    email = forms.EmailField(label="E-mail address", help_text="They must already have an account.")
    role = forms.ChoiceField(widget=forms.RadioSelect)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.all(),
        required=False,
        help_text="For senior managers and IMR authors: the agency whose IMR they work on.",
    )

    def __init__(self, *args, case, actor, grantable, **kwargs):
        """`grantable`: rules.roles_grantable_by(actor, case)."""
        super().__init__(*args, **kwargs)
        self.case, self.actor = case, actor
        self.fields["role"].choices = [
            (role.value, role.label) for role in CaseRole if role in grantable
        ]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        # An unknown address and a person who may not take the role get the same answer.
        user = User.objects.filter(email__iexact=cleaned["email"]).first() or User(is_active=False)
        refusal = rules.grant_refusal(
            actor=self.actor,
            case=self.case,
            user=user,
            role=cleaned["role"],
            agency=cleaned.get("agency"),
        )
        if refusal:
            self.add_error(refusal.field, refusal.message)
        cleaned["user"] = user
        return cleaned


class DashboardFilterForm(forms.Form):
    stage = forms.ChoiceField(required=False, label="Stage")
    overdue = forms.BooleanField(required=False, label="Only cases with an overdue deadline")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "All stages"), *Case._meta.get_field("stage").choices]
