"""The leak gate on real PDFs: rendered by WeasyPrint through the service's fetcher, with a
registered name slipped into each place a reader can get text from; and crafted with
pikepdf for the places WeasyPrint does not write. A clean PDF and the panel's names pass."""

from datetime import date
from io import BytesIO

import pikepdf
import pytest
from weasyprint import HTML

from imr.pdf import BASE_URL, StaticFilesOnly
from reports.anonymisation import Register, RegisteredPerson
from reports.leak_gate import _page_texts, normalise, scan
from reports.models import AnonymisationDecision

PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
    "DwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def person(real_name, pseudonym, *aliases, born=None):
    return RegisteredPerson(real_name, tuple(aliases), pseudonym, born, "")


REGISTER = Register(
    [
        person("Jane Smith", "Adult A", "Janey", born=date(1980, 3, 3)),
        person("Bartholomew Quince", "Adult B"),
        person("Zoë Griffin", "Child C"),
        person("Adult", "Person D"),
    ],
    ["Sarah Jones"],
)


def pdf(body: str, *, title: str = "Overview report", head: str = "") -> bytes:
    html = f'<html lang="en-GB"><head><title>{title}</title>{head}</head><body>{body}</body></html>'
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()).write_pdf(
        pdf_variant="pdf/ua-1"
    )


CLEAN = "<h1>Overview report</h1><p>Adult A met Adult B and Child C. Person D left.</p>"


def places(hits):
    return {(hit.term, hit.page, hit.where) for hit in hits}


def test_a_clean_pdf_passes():
    assert scan(pdf(CLEAN), REGISTER) == []


def test_the_panels_names_and_the_pseudonyms_pass():
    body = "<p>Chaired by Sarah Jones, SARAH JONES. Adult A, Person D.</p>"
    assert scan(pdf(body, title="Sarah Jones's review"), REGISTER) == []


@pytest.mark.parametrize(
    "body, term, where",
    [
        ("<p>Jane Smith said</p>", "Jane Smith", "text"),
        ("<p>It was Janey's flat.</p>", "Janey", "text"),
        ("<p>JANE SMITH</p>", "Jane Smith", "text"),
        ('<p style="text-transform: uppercase">jane smith</p>', "Jane Smith", "text"),
        ("<p>Zoe Griffin</p>", "Zoë Griffin", "text"),
        ("<p>ZOË</p>", "Zoë", "text"),
        ("<p>Mr Quince</p>", "Quince", "text"),
        ('<p>Told <span style="float: footnote">By Griffin.</span></p>', "Griffin", "text"),
        ("<p><b>Jane</b> <i>Smith</i></p>", "Jane Smith", "text"),
        ("<p>born 03.03.1980</p>", "date of birth 1980-03-03", "text"),
        ("<p>born 3rd of March 1980</p>", "date of birth 1980-03-03", "text"),
        ("<p>born March 3, 1980</p>", "date of birth 1980-03-03", "text"),
        ("<p>born 3/3/80</p>", "date of birth 1980-03-03", "text"),
        ("<p>born 03-Mar-1980</p>", "date of birth 1980-03-03", "text"),
        ("<p>born 1980/03/03</p>", "date of birth 1980-03-03", "text"),
        ("<h1>Griffin</h1>", "Griffin", "bookmark"),
        (
            '<p><a href="https://example.org/people/jane-smith">a page</a></p>',
            "Jane Smith",
            "link target",
        ),
        (
            '<p><a href="https://example.org/?who=Jane%20Smith">a page</a></p>',
            "Jane Smith",
            "link target",
        ),
        ('<p><a href="#Quince">x</a></p><p id="Quince">y</p>', "Quince", "link target"),
        (f'<p><img alt="Photo of Jane Smith" src="{PIXEL}"></p>', "Jane Smith", "alternative text"),
    ],
)
def test_a_name_anywhere_in_the_pdf_is_caught(body, term, where):
    hits = scan(pdf(body), REGISTER)
    assert term in {hit.term for hit in hits if hit.where == where}, hits


def test_the_title_is_caught_in_the_metadata_and_the_xmp():
    hits = scan(pdf(CLEAN, title="Review of Jane Smith's death"), REGISTER)
    assert {("Jane Smith", None, "metadata"), ("Jane Smith", None, "XMP metadata")} <= places(hits)


def test_a_name_in_the_author_metadata_is_caught():
    hits = scan(pdf(CLEAN, head='<meta name="author" content="Bartholomew Quince">'), REGISTER)
    assert ("Bartholomew Quince", None, "metadata") in places(hits)


def test_a_name_hyphenated_across_lines_is_caught():
    body = '<p style="hyphens: auto; width: 2.5em; font-size: 20pt">Bartholomew</p>'
    data = pdf(body)
    [(_, text)] = list(_page_texts(data))
    assert "Bartholomew" not in text  # it really is split
    assert ("Bartholomew", 1, "text") in places(scan(data, REGISTER))


def test_a_name_split_across_lines_by_a_narrow_column_is_caught():
    data = pdf('<p style="width: 3em">Jane Smith</p>')
    [(_, text)] = list(_page_texts(data))
    assert "Jane Smith" not in text
    assert ("Jane Smith", 1, "text") in places(scan(data, REGISTER))


def test_a_hyphenated_name_broken_at_its_hyphen_is_caught():
    register = Register([person("Mary Brennan-Hughes", "Adult M")], [])
    data = pdf('<p style="width: 5em">Mrs Brennan-Hughes</p>')
    [(_, text)] = list(_page_texts(data))
    assert "Brennan-Hughes" not in text
    assert ("Brennan-Hughes", 1, "text") in places(scan(data, register))


def test_a_letter_spaced_name_is_caught():
    data = pdf('<h2 style="letter-spacing: 0.4em">About Jane Smith and Griffin</h2>')
    [(_, text)] = list(_page_texts(data))
    assert "Smith" not in text  # the extractor spaces out every letter
    terms = {hit.term for hit in scan(data, REGISTER) if hit.where == "text (letter-spaced)"}
    assert {"Jane Smith", "Griffin"} <= terms


def test_a_ligature_in_the_name_is_caught():
    body = '<p style="font-variant-ligatures: common-ligatures">Mrs Griffin</p>'
    assert ("Griffin", 1, "text") in places(scan(pdf(body), REGISTER))


def test_normalising_joins_ligatures_hyphens_and_whitespace():
    assert normalise("Gri\ufb03n  Zo\u00eb\r\nSmi-\r\nth SOFT\u00adHYPHEN Bren\ufffenan") == (
        "griffin zoe smith softhyphen brennan"
    )


def test_the_page_is_named():
    body = "<p>Page one.</p>" + '<p style="break-before: page">Jane Smith</p>'
    assert ("Jane Smith", 2, "text") in places(scan(pdf(body), REGISTER))


def decided(word: str, decision: str) -> dict:
    made = AnonymisationDecision(
        key=f"ambiguous_name:{word}", kind="ambiguous_name", decision=decision, replacement="X"
    )
    return {made.key: made}


def test_a_common_word_name_no_one_decided_on_is_caught_with_its_capital_only():
    will = Register([person("Will Harding", "Adult W")], [])

    assert scan(pdf("<p>He said he will.</p>"), will) == []
    assert {hit.term for hit in scan(pdf("<p>Will said he will.</p>"), will)} == {"Will"}
    assert {hit.term for hit in scan(pdf("<h1>WILL</h1>"), will)} == {"WILL"}


def test_a_common_word_decided_to_be_the_name_is_caught_in_any_case():
    will = Register([person("Will Harding", "Adult W")], [], decided("will", "replace"))

    assert "Will" in {hit.term for hit in scan(pdf("<p>he said he will.</p>"), will)}


def test_a_common_word_decided_to_be_kept_as_written_passes():
    will = Register([person("Will Harding", "Adult W")], [], decided("will", "keep"))

    assert scan(pdf("<p>Will the agency act? It will.</p>"), will) == []


def test_the_full_name_with_a_common_word_is_always_scanned():
    will = Register([person("Will Harding", "Adult W")], [])
    assert "Will Harding" in {hit.term for hit in scan(pdf("<p>Will Harding</p>"), will)}


# Places WeasyPrint does not write, crafted with pikepdf --------------------------------------


def crafted(change) -> bytes:
    with pikepdf.open(BytesIO(pdf(CLEAN))) as document:
        change(document)
        out = BytesIO()
        document.save(out)
    return out.getvalue()


def test_a_name_in_the_xmp_alone_is_caught():
    def change(document):
        with document.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:creator"] = ["Bartholomew Quince"]

    assert ("Bartholomew Quince", None, "XMP metadata") in places(scan(crafted(change), REGISTER))


def test_a_name_in_an_annotations_contents_is_caught():
    def change(document):
        note = document.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Text,
                Rect=[10, 10, 30, 30],
                Contents=pikepdf.String("Checked with Janey"),
            )
        )
        document.pages[0].obj["/Annots"] = pikepdf.Array([note])

    assert ("Janey", 1, "annotation") in places(scan(crafted(change), REGISTER))


def test_an_attachment_its_name_and_its_text_are_caught():
    def change(document):
        document.attachments["notes.txt"] = pikepdf.AttachedFileSpec(
            document, b"Interview with Zoe Griffin", filename="griffin-notes.txt"
        )

    hits = places(scan(crafted(change), REGISTER))
    assert ("Zoë Griffin", None, "attachment") in hits
    assert ("Griffin", None, "attachment") in hits


def test_a_name_in_a_form_field_is_caught():
    def change(document):
        field = document.make_indirect(
            pikepdf.Dictionary(FT=pikepdf.Name.Tx, T=pikepdf.String("name"), V="Jane Smith")
        )
        document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))

    assert ("Jane Smith", None, "form field") in places(scan(crafted(change), REGISTER))


def test_a_bookmark_and_actual_text_added_later_are_caught():
    def change(document):
        with document.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem("About Quince", 0))
        page = document.pages[0]
        page.contents_add(b"/Span <</ActualText (Jane Smith)>> BDC EMC", prepend=False)

    hits = places(scan(crafted(change), REGISTER))
    assert ("Quince", None, "bookmark") in hits
    assert ("Jane Smith", 1, "marked content") in hits


def test_a_string_in_a_place_nobody_listed_is_caught():
    def change(document):
        document.Root.SomethingNew = pikepdf.Dictionary(Note=pikepdf.String("Jane Smith"))

    assert "Jane Smith" in {hit.term for hit in scan(crafted(change), REGISTER)}


def test_an_alias_of_initials_is_caught_but_the_word_it_spells_is_not():
    register = Register([person("Tomás Okafor-Reyes", "Friend E", "T.O.")], [])

    assert scan(pdf("<p>She went to the flat to see him.</p>"), register) == []
    assert ("T.O.", 1, "text") in places(scan(pdf("<p>She met T.O. at the flat.</p>"), register))
    assert ("T.O.", 1, "text") in places(scan(pdf("<p>She met T. O. there.</p>"), register))


def test_a_file_that_cannot_be_read_as_a_pdf_is_one_hit_and_never_clean():
    # Uploads are recognised as PDFs by their first bytes; a file that says it is one and
    # is not must block, not pass or fail with an error.
    hits = scan(b"%PDF-1.4\n% not really a PDF\n", Register([], []))

    assert [hit.as_dict() for hit in hits] == [
        {"term": "(the file cannot be read as a PDF)", "page": None, "where": "file"}
    ]
