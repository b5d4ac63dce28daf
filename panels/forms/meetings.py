from django import forms

from cases.models import User
from dhr.forms import GOVUKDateField
from dhr.uploads import DocumentField

from ..models import Meeting, MeetingAttendee, MeetingOutcome
from .times import TimeOfDayField


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        choices=Meeting.Kind.choices,
        widget=forms.RadioSelect,
        label="Type of meeting",
        error_messages={"required": "Select the type of meeting."},
    )
    meets_on = GOVUKDateField(label="Date", allow_future=True)
    meets_at = TimeOfDayField(label="Start time")
    venue = forms.CharField(
        max_length=300,
        help_text="The address, or how to join a video call.",
        error_messages={"required": "Enter the venue."},
    )
    agenda = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)
    invited = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="People on the case to invite",
        help_text="Each is sent a message with the calendar invitation attached to its e-mail.",
    )
    other_attendees = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Other attendees",
        help_text="One name a line, for people without an account here (family members, "
        "their advocate, interpreters).",
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = (
            User.objects.filter(case_memberships__case=case, case_memberships__ended_at=None)
            .distinct()
            .order_by("full_name")
        )

    def clean_other_attendees(self):
        lines = self.cleaned_data["other_attendees"].splitlines()
        names = [line.strip() for line in lines if line.strip()]
        if too_long := [name for name in names if len(name) > 200]:
            raise forms.ValidationError(f"“{too_long[0][:40]}…” is longer than 200 characters.")
        return names


class MinutesForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(
        queryset=MeetingAttendee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Who attended",
    )
    apologies = forms.ModelMultipleChoiceField(
        queryset=MeetingAttendee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Who sent apologies",
    )
    minutes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="Write the minutes here, or upload them below.",
    )
    minutes_copy = DocumentField(
        what="the minutes",
        label="Minutes as a PDF",
        required=False,
        help_text="A PDF file, 10 MB at most. Save a Word document as PDF first.",
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        for field in ("attended", "apologies"):
            self.fields[field].queryset = meeting.attendees.all()


class MeetingOutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        choices=MeetingOutcome.Kind.choices,
        widget=forms.RadioSelect,
        label="Decision or action",
        error_messages={"required": "Select whether it is a decision or an action."},
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What was decided, or what is to be done",
        error_messages={"required": "Enter what was decided or what is to be done."},
    )
    owner = forms.CharField(max_length=200, required=False, label="Owner of the action")
    due_on = GOVUKDateField(label="Due date", required=False, allow_future=True)
    conditional_reveals = {"kind": {MeetingOutcome.Kind.ACTION: ["owner", "due_on"]}}
