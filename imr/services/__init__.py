"""The IMRs' business actions, one module per part of them."""
