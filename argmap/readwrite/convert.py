"""Moved: converting maps between formats is :mod:`argmap.commands.convert`.

This module keeps the old names working (``convert``, ``read_any``,
``ConversionResult``).  Nothing in :mod:`argmap.readwrite` imports it: the
readers and writers do not depend on the workspace that conversion loads.
"""

from __future__ import annotations

from argmap.commands.convert import ConversionResult, convert, read_any

__all__ = ["ConversionResult", "convert", "read_any"]
