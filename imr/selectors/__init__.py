"""Reads of the imr app, one module per part."""
