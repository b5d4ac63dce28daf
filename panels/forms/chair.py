from django import forms
from django.utils.text import capfirst

from cases.models import User
from cases.rules import NO_SUCH_PERSON
from dhr.forms import GOVUKDateField

from ..models import ChairAppointment
from ..models.chair import KNOWLEDGE_FIELDS


class AppointChairForm(forms.Form):
    email = forms.EmailField(
        label="The chair's e-mail address",
        help_text="They must already have an account, and work for no partnership or agency.",
    )
    appointed_on = GOVUKDateField(label="Date appointed")
    declared_independent = forms.BooleanField(
        label="The chair declares that they are not, and have never been, directly associated "
        "with any of the agencies involved in the review",
        error_messages={
            "required": "The chair must declare their independence before they are appointed."
        },
    )
    home_office_training_completed_on = GOVUKDateField(
        label="Date the chair completed the Home Office e-learning", required=False
    )
    knowledge = forms.MultipleChoiceField(
        label="Knowledge the chair brings",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (name, capfirst(ChairAppointment._meta.get_field(name).verbose_name))
            for name in KNOWLEDGE_FIELDS
        ],
    )
    overview_author_name = forms.CharField(
        label="Separate overview report author (optional)",
        required=False,
        max_length=200,
        help_text="Leave empty when the chair writes the overview report.",
    )
    regional_exchange = forms.CharField(
        label="Loaned from a regional exchange (optional)",
        required=False,
        max_length=200,
        help_text="The exchange that loaned the chair, if any.",
    )

    def __init__(self, *args, replacing: ChairAppointment | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if replacing is not None:
            self.fields["change_reason"] = forms.CharField(
                label=f"Why is {replacing.chair} no longer the independent chair?",
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "required": f"Enter why {replacing.chair} is no longer the independent chair."
                },
            )

    def clean(self):
        cleaned = super().clean()
        if "email" in cleaned:
            chair = User.objects.filter(email__iexact=cleaned["email"], is_active=True).first()
            if chair is None:
                self.add_error("email", NO_SUCH_PERSON)
            cleaned["chair"] = chair
        return cleaned

    def appointment(self) -> dict:
        """The cleaned answers as appoint_independent_chair takes them."""
        data = dict(self.cleaned_data)
        data.pop("email")
        chosen = set(data.pop("knowledge"))
        data["knowledge"] = {name: name in chosen for name in KNOWLEDGE_FIELDS}
        return data
