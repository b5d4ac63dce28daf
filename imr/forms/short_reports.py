from django import forms

from dhr.forms import GOVUKDateField
from dhr.uploads import PDF_OR_DOCX, DocumentField


class ShortReportRequestForm(forms.Form):
    professional_name = forms.CharField(
        label="The professional's name",
        max_length=200,
        error_messages={"required": "Enter the name of the professional asked for the report."},
    )
    professional_role = forms.CharField(
        label="Their role",
        max_length=200,
        help_text="For example: general practitioner",
        error_messages={"required": "Enter the professional's role."},
    )
    organisation = forms.CharField(
        label="Their organisation",
        max_length=200,
        help_text="For example: Riverside Medical Practice",
        error_messages={"required": "Enter the professional's organisation."},
    )
    due_on = GOVUKDateField(label="Due date", allow_future=True)


class ShortReportReceivedForm(forms.Form):
    received_on = GOVUKDateField(label="Date received")
    text = forms.CharField(
        label="The report",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Paste the report here, or upload it below.",
    )
    copy = DocumentField(
        what="the short report", kinds=PDF_OR_DOCX, label="The report as a file", required=False
    )


class AcceptShortReportForm(forms.Form):
    """Nothing to fill in: the button accepts (one effect per rendered form)."""
