import re

from portal.resources.pdf import make_pdf


def test_generated_pdf_has_a_consistent_cross_reference_table():
    data = make_pdf("Étude de pays : Côte d'Ivoire", ["# Heading", "Text (with parentheses) "
                                                      "and a back\\slash. " * 40] * 5)
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    xref_at = int(re.search(rb"startxref\n(\d+)", data).group(1))
    assert data[xref_at:xref_at + 4] == b"xref"
    rows = [row for row in data[xref_at:].split(b"\n") if row.endswith(b" n ")]
    for number, row in enumerate(rows, start=1):
        assert data[int(row[:10]):].startswith(b"%d 0 obj" % number)
    for match in re.finditer(rb"<< /Length (\d+) >>\nstream\n", data):
        end = match.end() + int(match.group(1))
        assert data[end:end + 10] == b"\nendstream"
    assert data.count(b"/Type /Page ") >= 2  # long text flows onto more pages
    assert "Côte".encode("cp1252") in data
