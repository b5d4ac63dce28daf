from django import forms

from cases.models import Agency, User
from cases.rules import NO_SUCH_PERSON
from dhr.forms import GOVUKDateField

from ..models import PanelMember


class PanelMemberForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), label="Agency")
    name = forms.CharField(label="Name", max_length=200)
    email = forms.EmailField(
        label="E-mail address of their account (optional)",
        required=False,
        help_text="If they have an account, they are given the panel member role on the case.",
    )
    sector = forms.ChoiceField(
        label="Sector", choices=Agency.Sector.choices, widget=forms.RadioSelect
    )
    role = forms.CharField(
        label="Role", max_length=200, help_text="For example, head of public protection."
    )
    seniority = forms.ChoiceField(
        label="Seniority", choices=PanelMember.Seniority.choices, widget=forms.RadioSelect
    )
    is_idva = forms.BooleanField(
        label="An IDVA or specialist domestic abuse worker", required=False
    )
    also_imr_author = forms.BooleanField(label="Also an IMR author", required=False)
    joined_on = GOVUKDateField(label="Date joined")
    declared_no_involvement = forms.BooleanField(
        label="They declare no direct involvement with the victim, the perpetrator or their "
        "families",
        error_messages={
            "required": "A member must declare no direct involvement with the victim, the "
            "perpetrator or their families."
        },
    )
    confidentiality_undertaking = forms.BooleanField(
        label="They give the confidentiality undertaking: everything about the review stays "
        "confidential until it is published",
        error_messages={
            "required": "A member must give the confidentiality undertaking before joining."
        },
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["user"] = None
        if cleaned.get("email"):
            user = User.objects.filter(email__iexact=cleaned["email"], is_active=True).first()
            if user is None:
                # The members page's answer, so neither page tells who has an account.
                self.add_error("email", NO_SUCH_PERSON)
            cleaned["user"] = user
        return cleaned

    def member(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("email")
        return data


class MemberLeftForm(forms.Form):
    left_on = GOVUKDateField(label="Date they left the panel")


class AgencyDeclinedForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), label="Agency")
    declined_on = GOVUKDateField(label="Date it declined")
    reason = forms.CharField(
        label="The reason it gave",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason the agency gave."},
    )


class HomeOfficeToldForm(forms.Form):
    told_on = GOVUKDateField(label="Date the Home Office was told")


class StartImrsForm(forms.Form):
    """Nothing to fill in: the page lists what is still missing, and the button asks."""
