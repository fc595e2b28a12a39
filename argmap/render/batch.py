"""Moved: rendering a workspace to files is :mod:`argmap.commands.render`.

This module keeps the old names working (``render_maps``, ``prepare_maps``,
``plan_outputs``, ``Job``, ``Written``).  Nothing in :mod:`argmap.render`
imports it: the renderer does not depend on the operations built on it.
"""

from __future__ import annotations

from argmap.commands.render import Job, Written, plan_outputs, prepare_maps, render_maps

__all__ = ["Job", "Written", "plan_outputs", "prepare_maps", "render_maps"]
