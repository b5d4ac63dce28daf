"""The forms of the recommendations, the action plan and the checks before sign-off."""

from django import forms

from cases.models import Agency, Case
from dhr.forms import GOVUKDateField

from ..models import Action, ContributorConfirmation, FamilyViewing, PanelAgreement


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the agencies together should do, in one recommendation.",
        error_messages={"required": "Enter the recommendation."},
    )


class CarryForm(forms.Form):
    """Nothing to fill in: the button carries (one effect per rendered form)."""


class ActionForm(forms.ModelForm):
    lead_agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="Lead agency",
        empty_label="Choose an agency",
        error_messages={"required": "Select the agency that leads the action."},
    )
    target_on = GOVUKDateField(label="Target date", allow_future=True)

    class Meta:
        model = Action
        fields = [
            "lead_agency",
            "owner",
            "action",
            "milestones",
            "target_on",
            "intended_outcome",
            "monitored_by",
            "scope",
        ]
        labels = {"owner": "Owner (the post responsible)", "monitored_by": "How it is monitored"}
        help_texts = {
            "action": "Who will do what: one specific, measurable action.",
            "milestones": "The steps on the way, with their dates.",
            "intended_outcome": "What will be different when it is done.",
            "monitored_by": "Who checks progress, how and how often.",
        }
        widgets = {
            "action": forms.Textarea(attrs={"rows": 3}),
            "milestones": forms.Textarea(attrs={"rows": 3}),
            "intended_outcome": forms.Textarea(attrs={"rows": 3}),
            "monitored_by": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.RadioSelect,
        }
        error_messages = {
            "owner": {"required": "Enter the post responsible for the action."},
            "action": {"required": "Enter the action."},
            "intended_outcome": {"required": "Enter the intended outcome."},
            "monitored_by": {"required": "Enter how the action is monitored."},
            "scope": {"required": "Select whether the action is local, regional or national."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any agency, not only those with an IMR: a national body may lead an action.
        self.fields["lead_agency"].queryset = Agency.objects.order_by("name")
        # The scope's blank choice would read as a fourth option.
        self.fields["scope"].choices = Action.Scope.choices


class RecordAgreementForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="Agency",
        empty_label="Choose an agency",
        error_messages={"required": "Select the agency that agreed its actions."},
    )
    agreed_by_name = forms.CharField(
        label="Who agreed",
        max_length=200,
        help_text="The senior manager's name.",
        error_messages={"required": "Enter the name of the person who agreed."},
    )
    agreed_by_role = forms.CharField(
        label="Their post",
        max_length=200,
        help_text="For example: Director of Children's Services.",
        error_messages={"required": "Enter the post of the person who agreed."},
    )
    agreed_on = GOVUKDateField(label="Date agreed")

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            pk__in=Action.objects.filter(recommendation__case=case).values("lead_agency")
        ).order_by("name")


class AgreeActionsForm(forms.Form):
    agree = forms.BooleanField(
        label="I agree these actions on behalf of my agency, at senior level",
        error_messages={"required": "Confirm that you agree the actions on behalf of your agency."},
    )


class AskContributorForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="Agency",
        required=False,
        empty_label="Not an agency",
    )
    individual = forms.CharField(
        label="Or a named individual",
        max_length=300,
        required=False,
        help_text="Their name, role and organisation.",
    )
    asked_on = GOVUKDateField(label="Date asked")

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        asked = ContributorConfirmation.objects.filter(case=case, agency__isnull=False)
        self.fields["agency"].queryset = Agency.objects.exclude(
            pk__in=asked.values("agency")
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("agency") or cleaned.get("individual", "").strip()):
            self.add_error("agency", "Choose an agency or enter a named individual.")
        return cleaned


class AskEveryContributorForm(forms.Form):
    asked_on = GOVUKDateField(label="Date asked")


class ConfirmationForm(forms.Form):
    confirmed_on = GOVUKDateField(label="Date confirmed")
    comments = forms.CharField(
        label="Their comments",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Anything they asked to be changed, and what was done.",
    )


class PanelAgreementForm(forms.Form):
    agreed_on = GOVUKDateField(label="Date of the panel meeting")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for check in PanelAgreement.CHECKS:
            label = PanelAgreement._meta.get_field(check).verbose_name
            self.fields[check] = forms.BooleanField(
                label=label[0].upper() + label[1:],
                error_messages={"required": f"Confirm that {label}."},
            )


class FamilyViewingForm(forms.Form):
    shown_on = GOVUKDateField(label="Date shown")
    how = forms.CharField(
        label="How it was shown",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: in person with the advocate, with time to read it.",
        error_messages={"required": "Enter how the family was shown the report."},
    )
    response = forms.ChoiceField(
        label="Their response",
        choices=FamilyViewing.Response.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the family's response."},
    )
    disagreement = forms.CharField(
        label="What they disagree with",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In their words. It is kept with the report.",
    )


class NoFamilyForm(forms.Form):
    reason = forms.CharField(
        label="Why there is no family to show it to",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: no family is known, or they declined to be involved.",
        error_messages={"required": "Enter why there is no family to show the report to."},
    )
