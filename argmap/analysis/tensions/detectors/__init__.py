"""The built-in tension detectors, one module per kind.

Each module states the maths of its score and defines one detector
``detect(amap, context) -> list[Candidate]`` (the API is in
:mod:`argmap.analysis.tensions.context`):

``cross_source``  ``cross-source-attack``, a rebuttal or undercut across sources
``contested``     ``contested-claim``, a claim drawing both support and attack
``conflict``      ``support-attack-conflict``, support one way, attack the other
``undecided``     ``undecided-dispute``, what the grounded labelling leaves open

:mod:`argmap.analysis.tensions.registry` lists them by kind.
"""
