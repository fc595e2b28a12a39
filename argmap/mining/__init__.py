"""The argument miner behind ``argmap extract`` and ``argmap train``.

Raw text → units → scores → one tree → a draft map:

* :mod:`~argmap.mining.segment` — page furniture set aside, sentences
  (``sentencex``), units at discourse connectives (English, Korean, Chinese);
* :mod:`~argmap.mining.features` — language-neutral features of units and of
  ordered unit pairs (position, discourse-marker categories, sentence embeddings);
* :mod:`~argmap.mining.model` — five logistic regressions in NumPy and the
  weights file (JSON, the training corpus's licence in its header);
* :mod:`~argmap.mining.article` — an article's thesis (lead or conclusion,
  centrality, headline, position, framing), which microtexts cannot teach;
* :mod:`~argmap.mining.cues` — floors on P(opponent) and P(attack) from
  objection cues, at their rates in the training corpus;
* :mod:`~argmap.mining.predict` — the model applied to one segmented text;
* :mod:`~argmap.mining.decode` — maximum spanning arborescence (one thesis,
  every unit attached), then roles and functions that agree;
* :mod:`~argmap.mining.draft` — the map: claims quoting the units, relations
  weighted by the model's confidence, explanations for ``--json``;
* :mod:`~argmap.mining.corpus` — gold trees over text spans from microtext
  XML, AIF or maps quoting their sources; :mod:`~argmap.mining.train` fits
  the model on them; :mod:`~argmap.mining.evaluate` scores predictions
  against them (``bench/bench_extract.py``).

The public entry point stays :func:`argmap.extract.extract_map`.
"""
