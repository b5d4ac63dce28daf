from django import forms

from cases.models import Case, Person
from dhr.forms import GOVUKDateField
from panels.forms.times import TimeOfDayField

from ..models import ChronologyEntry


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.real_name} ({obj.get_role_display().lower()})"


class ChronologyEntryForm(forms.Form):
    occurred_on = GOVUKDateField(
        label="Date",
        help_text="For a month only, enter 1 as the day. For example, 27 3 2025.",
    )
    precision = forms.ChoiceField(
        choices=ChronologyEntry.Precision.choices,
        widget=forms.RadioSelect,
        label="How exact is the date?",
        initial=ChronologyEntry.Precision.EXACT,
        error_messages={"required": "Select how exact the date is."},
    )
    occurred_at = TimeOfDayField(
        label="Time",
        required=False,
        help_text="If the record gives one and the date is exact. On the 24-hour clock, "
        "for example 14:30.",
    )
    source_reference = forms.CharField(
        max_length=200,
        required=False,
        label="Source record reference",
        help_text="Where the agency's record is: a crime number, case note or system ID.",
    )
    what_happened = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What happened",
        error_messages={"required": "Enter what happened."},
    )
    people = PersonChoiceField(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="People involved",
        help_text="From the review's register of people.",
    )
    dash_level = forms.ChoiceField(
        choices=[("", "Not assessed"), *ChronologyEntry.DashLevel.choices],
        widget=forms.RadioSelect,
        required=False,
        label="DASH risk level recorded",
    )
    referred_to_marac = forms.BooleanField(required=False, label="Referred to MARAC")
    discussed_at_marac = forms.BooleanField(required=False, label="Discussed at MARAC")
    author_comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Your comment or analysis",
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = case.people.order_by("id")


def entry_initial(entry: ChronologyEntry) -> dict:
    return {
        "occurred_on": entry.occurred_on,
        "precision": entry.precision,
        "occurred_at": entry.occurred_at.strftime("%H:%M") if entry.occurred_at else "",
        "source_reference": entry.source_reference,
        "what_happened": entry.what_happened,
        "people": list(entry.people.all()),
        "dash_level": entry.dash_level,
        "referred_to_marac": entry.referred_to_marac,
        "discussed_at_marac": entry.discussed_at_marac,
        "author_comment": entry.author_comment,
    }


class ConfirmForm(forms.Form):
    """A form with nothing to fill in: its button is the act (with its one-time token)."""


class ChronologyFilterForm(forms.Form):
    agency = forms.TypedChoiceField(coerce=int, required=False, label="Agency", empty_value=None)
    person = forms.TypedChoiceField(coerce=int, required=False, label="Person", empty_value=None)
    start = GOVUKDateField(label="From", required=False)
    end = GOVUKDateField(label="To", required=False)

    def __init__(self, *args, agencies: list[tuple[int, str]], people: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "All agencies"), *agencies]
        self.fields["person"].choices = [("", "Everyone"), *people.items()]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The end of the period must be on or after its start.")
        return data


class SentToDisclosureOfficerForm(forms.Form):
    sent_on = GOVUKDateField(label="Date sent")
    sent_to = forms.CharField(
        max_length=200,
        label="Disclosure officer",
        help_text="Their name and force, for example DC Lee Moss, Riverside Police.",
        error_messages={"required": "Enter the disclosure officer's name."},
    )
