"""The forms of the CSP sign-off, the Home Office submission and its QA outcome."""

from django import forms

from dhr.forms import GOVUKDateField
from dhr.uploads import PDF_OR_DOCX, DocumentField

from ..models import QaOutcome, SignOff


class SignOffForm(forms.Form):
    meeting = forms.CharField(
        label="The meeting that considered it",
        max_length=300,
        help_text="For example: Extraordinary meeting of the Safer Riverside Partnership.",
        error_messages={"required": "Enter the meeting that considered the report."},
    )
    met_on = GOVUKDateField(label="Date of the meeting")
    attendees = forms.CharField(
        label="Who attended",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Names and organisations, one a line.",
        error_messages={"required": "Enter who attended the meeting."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for check in SignOff.CHECKS:
            label = SignOff._meta.get_field(check).verbose_name
            self.fields[check] = forms.BooleanField(
                label=label[0].upper() + label[1:],
                error_messages={"required": f"Confirm that {label}."},
            )


class ReturnToDraftingForm(forms.Form):
    reason = forms.CharField(
        label="Why the report goes back to the independent chair",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the partnership asks to be changed. The independent chair is told.",
        error_messages={"required": "Enter the reasons the report goes back to the chair."},
    )


class SendForm(forms.Form):
    sent_on = GOVUKDateField(label="Date sent")
    sent_how = forms.CharField(
        label="How it was sent",
        max_length=300,
        help_text="For example: e-mail to DHREnquiries@homeoffice.gov.uk.",
        error_messages={"required": "Enter how the package was sent."},
    )
    data_collection_form = DocumentField(
        what="the data collection form", kinds=PDF_OR_DOCX, label="The data collection form"
    )


class AcknowledgementForm(forms.Form):
    acknowledged_on = GOVUKDateField(label="Date acknowledged")
    acknowledgement = forms.CharField(
        label="What the Home Office said",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: the reference it gave the submission.",
        error_messages={"required": "Enter what the acknowledgement said."},
    )


class QaOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What the QA panel decided",
        choices=QaOutcome.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the QA panel decided."},
    )
    qa_panel_on = GOVUKDateField(label="Date of the QA panel")
    letter_received_on = GOVUKDateField(label="Date the letter was received")
    letter = DocumentField(what="the letter", kinds=PDF_OR_DOCX, label="The Home Office's letter")
    areas = forms.CharField(
        label="Areas for final development",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Only when the report is cleared subject to changes: each area the letter "
        "lists, one a line, in its order.",
    )
    summary = forms.CharField(
        label="What the letter says",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Needed when the panel asks for resubmission: its findings go to the CSP "
        "chair, who has the review panel revisit them.",
    )

    def clean_areas(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["areas"].splitlines() if line.strip()]


class AreaDoneForm(forms.Form):
    done_on = GOVUKDateField(label="Date done")
    evidence = forms.CharField(
        label="What was changed, and where",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: paragraph 4.12 of the overview report, version 4.",
        error_messages={"required": "Enter what was changed, and where."},
    )


class FamilyToldForm(forms.Form):
    told_on = GOVUKDateField(label="Date told")
    how = forms.CharField(
        label="How they were told",
        max_length=300,
        help_text="For example: by the family's advocate, with a copy of the letter.",
        error_messages={"required": "Enter how the family was told."},
    )
