# The production settings the query ceilings hold in: TWO_FACTOR_REQUIRED on, and a person
# signed in with password and token (tests/test_query_counts.py).
from tests.test_query_counts import production, verified  # noqa: F401
