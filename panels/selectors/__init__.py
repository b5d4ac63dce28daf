"""Reading the review's set-up for pages, one module per part of it (STYLE.md practice 5)."""
