"""The review's set-up (DOMAIN.md 2.0 to 2.3): one module per part of it."""
