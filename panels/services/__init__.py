"""Business actions of the review's set-up, one module per part of it (STYLE.md practice 5)."""
