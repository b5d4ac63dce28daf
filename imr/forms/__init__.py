"""The imr app's forms, one module per part."""
