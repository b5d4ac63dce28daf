"""The imr app's pages, one module per part."""
