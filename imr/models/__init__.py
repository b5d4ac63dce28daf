"""Individual management reviews (DOMAIN.md 2.4): one module per part of them."""

from .imr import Imr

__all__ = ["Imr"]
