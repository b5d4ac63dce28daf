"""The signed-in, verified client of tests/test_query_counts.py, for the query counts of this
app's pages in production settings (issue 13 item 2)."""

from tests.test_query_counts import production, verified  # noqa: F401
