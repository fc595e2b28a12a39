"""What claims mean: sentence embeddings and the judgements built on them.

This package is the claim-meaning layer that ``align``, ``tensions``,
``merge --auto``, ``match`` and ``extract`` share.  It is not
:mod:`argmap.analysis.semantics`, which is the *argumentation* semantics
(grounded labelling, DF-QuAD strengths) of a graph of attacks and supports.

* :mod:`argmap.meaning.embed` — multilingual sentence embeddings from a model
  shipped inside a PyPI wheel (NumPy only, nothing downloaded), cached on disk
  by text.
"""
