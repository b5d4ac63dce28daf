from django import forms

from cases.models import Agency
from dhr.forms import GOVUKDateField

from .times import TimeOfDayField


class AskAgencyForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="Agency",
        error_messages={"required": "Select the agency that was asked."},
    )
    asked_on = GOVUKDateField(
        label="Date asked",
        help_text="The day the agency was asked to secure its records and say whether it "
        "had contact with the people of the review. For example, 27 3 2026.",
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # Each agency is asked once; those asked already are not offered again.
        self.fields["agency"].queryset = Agency.objects.exclude(
            pk__in=case.scoping_requests.values("agency")
        ).order_by("name")


class ScopingAnswerForm(forms.Form):
    answered_on = GOVUKDateField(label="Date the agency answered")
    had_contact = forms.TypedChoiceField(
        choices=[("yes", "Yes, it had contact"), ("no", "No contact (a nil return)")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        label="Did the agency have contact with the people of the review?",
        error_messages={"required": "Select whether the agency had contact."},
    )
    contact_from = GOVUKDateField(label="Contact from", required=False)
    contact_to = GOVUKDateField(
        label="Contact until",
        required=False,
        help_text="Leave blank if the contact continued until the death.",
    )
    records_secured_on = GOVUKDateField(
        label="Date records secured",
        required=False,
        help_text="Leave blank if the agency has not confirmed it yet.",
    )
    conditional_reveals = {"had_contact": {"yes": ["contact_from", "contact_to"]}}


class EarlyLessonForm(forms.Form):
    lesson = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was learnt that cannot wait for the overview report.",
        error_messages={"required": "Enter the lesson."},
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.order_by("name"),
        label="Agency",
        error_messages={"required": "Select the agency the lesson is for."},
    )
    immediate_action = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Immediate action",
        error_messages={"required": "Enter the action taken at once."},
    )
    owner = forms.CharField(
        max_length=200,
        label="Owner of the action",
        help_text="The person responsible, and their role.",
        error_messages={"required": "Enter who owns the action."},
    )
    identified_on = GOVUKDateField(label="Date identified")
    forwarded_on = GOVUKDateField(
        label="Date forwarded to the disclosure officer",
        required=False,
        help_text="Leave blank if it has not been forwarded yet.",
    )


class RiskToLifeForm(forms.Form):
    raised_by = forms.CharField(
        max_length=200,
        label="Who raised it",
        help_text="Their name and role, for example a panel member or an agency's author.",
        error_messages={"required": "Enter who raised the risk."},
    )
    raised_on = GOVUKDateField(label="Date it was raised")
    raised_at_time = TimeOfDayField(label="Time it was raised")
    about_whom = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Who is at risk",
        help_text="Restricted: only people who may see the people register read this.",
        error_messages={"required": "Enter who is at risk."},
    )
    police_contact = forms.CharField(
        max_length=200,
        label="Police contact",
        help_text="The officer or control room told, and how to reach them.",
        error_messages={"required": "Enter who at the police was told."},
    )
    police_reference = forms.CharField(
        max_length=100,
        label="Police reference",
        error_messages={"required": "Enter the police reference."},
    )
