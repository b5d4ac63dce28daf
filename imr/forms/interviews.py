from django import forms

from dhr.forms import GOVUKDateField
from panels.models import Proceeding

WITNESS_FIELDS = ("witness_in", "sio_advised_on", "sio_advice", "cps_advised_on", "cps_advice")


class StaffInterviewForm(forms.Form):
    job_title = forms.CharField(
        label="The interviewee's job title",
        max_length=200,
        help_text="Not their name: staff are anonymised in the review.",
        error_messages={"required": "Enter the interviewee's job title."},
    )
    interviewed_on = GOVUKDateField(label="Date of the interview")
    record = forms.CharField(
        label="Written record of the interview",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the written record of the interview."},
    )
    shared_on = GOVUKDateField(
        label="Date the record was shared with the interviewee",
        help_text="Record the interview once the member of staff has seen the written record.",
    )
    reminded_not_disciplinary = forms.BooleanField(
        label="The member of staff was reminded that the review is not a disciplinary process",
        error_messages={
            "required": "Confirm that the member of staff was reminded that the review is not "
            "a disciplinary process."
        },
    )
    policies_not_followed = forms.BooleanField(
        label="Interviewed because policies or procedures were not followed", required=False
    )
    witness_in = forms.ModelChoiceField(
        queryset=Proceeding.objects.none(),
        required=False,
        label="Is the interviewee a witness in criminal proceedings?",
        empty_label="Not a witness in criminal proceedings",
        help_text="A witness is interviewed only after the SIO's views and the CPS's advice "
        "have been sought.",
    )
    sio_advised_on = GOVUKDateField(label="Date of the SIO's views", required=False)
    sio_advice = forms.CharField(
        label="The SIO's views", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cps_advised_on = GOVUKDateField(label="Date of the CPS's advice", required=False)
    cps_advice = forms.CharField(
        label="The CPS's advice", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, proceedings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["witness_in"].queryset = proceedings
        if not proceedings.exists():
            # Nothing to be a witness in: no criminal proceedings are recorded on the case.
            for field in WITNESS_FIELDS:
                del self.fields[field]
