"""The IMRs' forms, one module per part of them."""
