"""The IMRs' pages, one module per part of them."""
