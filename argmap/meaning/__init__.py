"""What claims mean: sentence embeddings and the judgements built on them.

This package is the claim-meaning layer that ``align``, ``tensions``,
``merge --auto``, ``match`` and ``extract`` share.  It is not
:mod:`argmap.analysis.semantics`, which is the *argumentation* semantics
(grounded labelling, DF-QuAD strengths) of a graph of attacks and supports.

* :mod:`argmap.meaning.embed` — multilingual sentence embeddings from a model
  shipped inside a PyPI wheel (NumPy only, nothing downloaded), cached on disk
  by text.
* :mod:`argmap.meaning.polarity`, :mod:`argmap.meaning.context` — a claim's
  negation/modality/antonym cues, and its side and depth in its map.
* :mod:`argmap.meaning.candidates` — each claim's nearest claims of other
  maps (blocked exact search, or a k-means index), in bounded memory.
* :mod:`argmap.meaning.judge`, :mod:`argmap.meaning.counterparts` — map
  stance and pair verdicts; margins and structure across two maps.
* :mod:`argmap.meaning.align` — suggestions; :mod:`argmap.meaning.links` —
  suggestions as parts of maps, and the links file.
"""
