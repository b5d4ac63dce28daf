from django import forms

from reports.models import PdfDocument, RenderedPdf


class RequestPdfForm(forms.Form):
    document = forms.ChoiceField(
        label="Which document?",
        choices=PdfDocument.choices,
        widget=forms.RadioSelect,
        help_text="The overview report and the executive summary are rendered from their "
        "newest version; the action plan as it stands now.",
        error_messages={"required": "Select the document to render."},
    )
    variant = forms.ChoiceField(
        label="Which variant?",
        choices=RenderedPdf.Variant.choices,
        widget=forms.RadioSelect,
        help_text="A restricted draft keeps the real names and is marked OFFICIAL-SENSITIVE. "
        "A public one is anonymised from the people register.",
        error_messages={"required": "Select the restricted draft or the public variant."},
    )
