"""The operations of the ``argmap`` command, one function each, for Python too.

Each operation composes read → analyse → write and returns a record of what
it did; :mod:`argmap.cli` adds only click options, the mapping of typed
errors to options (:mod:`argmap.cli.errors`) and printing.  Layers point
down only: ``commands`` uses ``workspace``, ``readwrite``, ``analysis``,
``render`` and ``report``; none of those imports ``commands``, except the
shims :mod:`argmap.render.batch` and :mod:`argmap.readwrite.convert` (which
re-export from here for old callers, and which nothing in argmap imports)
and ``scaffold`` and ``extract``, which use the leaf :mod:`outputs`
(``tests/test_layers.py`` checks these rules).

===================  =============================================
module               operation
===================  =============================================
``check``            :func:`check.check_files`
``render``           :func:`render.render_files` (``prepare_maps``, ``render_maps``)
``convert``          :func:`convert.convert`
``merge``            :func:`merge.merge_files`
``tensions``         :func:`tensions.tensions_in_files`
``align``            :func:`align.align_files`; :func:`align.with_suggested_links`
                     (the suggestions an analysis uses, once per run)
``match``            :func:`match.match_files`
``report``           :func:`report.report_on_files`
``stats``            :func:`stats.stats_of_files`
``diff``             :func:`diff.diff_files` (``load_pair``)
``outputs``          output planning shared by every writer
``loading``          loading the inputs of an operation, progress
===================  =============================================

``argmap new`` is :func:`argmap.scaffold.write_new_map` (its output check is
:func:`outputs.new_file`).  Nothing is imported here: ``import
argmap.commands.outputs`` stays cheap.
"""
