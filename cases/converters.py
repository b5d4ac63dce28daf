"""Path converters for the service's URLs."""


class RowIdConverter:
    """A row id that fits PostgreSQL's bigint: larger numbers are no row, so they are a 404
    at the URL, never an out-of-range error in the database (a 500)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
