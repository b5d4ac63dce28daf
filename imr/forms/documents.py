from django import forms

from dhr.uploads import PDF_OR_DOCX, DocumentField

from ..models import ImrDocument


class ImrDocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=ImrDocument.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is the whole IMR or a supporting document."},
    )
    description = forms.CharField(
        label="Description",
        max_length=300,
        help_text="For example: the force's domestic abuse policy in force at the time",
        error_messages={"required": "Enter a description of the document."},
    )
    file = DocumentField(what="the document", kinds=PDF_OR_DOCX, label="The document")
