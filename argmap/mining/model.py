"""The scoring model: five L2-regularised logistic regressions, in NumPy.

Per unit *i* of a text (features :func:`~argmap.mining.features.unit_features`):

* ``cc``: P(*i* is the central claim);
* ``opp``: P(*i* speaks for the opponent);
* ``attack``: P(*i*'s own relation attacks its target), for non-central units;
* ``undercut``: P(the attack is on an inference, not a claim), for attacking units.

Per ordered pair (*i*, *j*) (features :func:`~argmap.mining.features.pair_features`):

* ``attach``: P(*i* attaches to *j*).

Each classifier is *P(y=1|x) = σ(w·z + b)* with *z* the features
standardised by the training mean and standard deviation, fitted by
Newton's method (iteratively reweighted least squares) on the
L2-penalised log-likelihood *Σ log P(yₖ|xₖ) - λ/2 ‖w‖²* (bias not
penalised), with class weights that balance positives and negatives.
Newton converges in a few steps on these convex problems, so fitting is
deterministic: the same corpus gives the same weights, byte for byte.

The weights file (:data:`WEIGHTS`, JSON) carries, before any number, the
licence and attribution of the corpus it was fitted on; :func:`load`
reads any such file, :meth:`Model.save` writes one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from argmap.diagnostics import ArgmapError

__all__ = ["WEIGHTS", "Classifier", "Model", "ModelError", "load"]

#: The shipped weights, fitted on the arg-microtexts corpus part 1.
WEIGHTS = Path(__file__).with_name("weights.json")
FORMAT = "argmap-miner"
VERSION = 1
UNIT_TASKS = ("cc", "opp", "attack", "undercut")
EMBEDDING_COLUMNS = 512
PAIR_TASKS = ("attach",)


class ModelError(ArgmapError, ValueError):
    """A weights file that cannot be read or does not fit this version."""


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@dataclass
class Classifier:
    """One logistic regression over standardised features."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    #: Only the first *columns* features are used (None: all); the
    #: embedding columns come last, so this leaves them out.
    columns: int | None = None

    def probability(self, x: np.ndarray) -> np.ndarray:
        if x.shape[0] == 0:
            return np.zeros(0)
        if self.columns is not None:
            x = x[:, : self.columns]
        z = (x - self.mean) / self.scale
        return _sigmoid(z @ self.weights + self.bias)

    def contributions(
        self, row: np.ndarray, names: list[str], top: int = 4
    ) -> list[tuple[str, float]]:
        """The largest terms *wₖ·zₖ* of one example's score (log-odds), by size.

        Columns past *names* (the embedding) are summed into one term.
        """
        if self.columns is not None:
            row = row[: self.columns]
        terms = (row - self.mean) / self.scale * self.weights
        named = [
            (names[k], float(terms[k])) for k in range(min(len(names), len(terms)))
        ]
        if len(terms) > len(names):
            named.append(
                ("meaning (sentence embedding)", float(terms[len(names) :].sum()))
            )
        named.sort(key=lambda t: -abs(t[1]))
        return [
            (name, round(value, 2)) for name, value in named[:top] if abs(value) >= 0.01
        ]

    @classmethod
    def fit(
        cls,
        x: np.ndarray,
        y: np.ndarray,
        l2: float = 1.0,
        iterations: int = 30,
        columns: int | None = None,
        tail_l2: tuple[int, float] | None = None,
    ) -> Classifier:
        """Penalised maximum likelihood by Newton's method (see the module docstring).

        *tail_l2* = (k, λ') penalises the columns from *k* on with λ' instead.
        """
        x = np.asarray(x, dtype=np.float64)
        if columns is not None:
            x = x[:, :columns]
        y = np.asarray(y, dtype=np.float64)
        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale < 1e-9] = 1.0
        z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
        positives = max(y.sum(), 1.0)
        negatives = max(len(y) - y.sum(), 1.0)
        sample = np.where(y > 0.5, len(y) / (2 * positives), len(y) / (2 * negatives))
        penalty = np.full(z.shape[1], l2)
        if (
            tail_l2 is not None
        ):  # (first column, penalty): a stronger prior on the embedding
            penalty[tail_l2[0] : -1] = tail_l2[1]
        penalty[-1] = 1e-6
        w = np.zeros(z.shape[1])
        for _ in range(iterations):
            p = _sigmoid(z @ w)
            gradient = z.T @ (sample * (y - p)) - penalty * w
            hessian = (z * (sample * p * (1 - p))[:, None]).T @ z + np.diag(penalty)
            step = np.linalg.solve(hessian, gradient)
            w += step
            if np.max(np.abs(step)) < 1e-7:
                break
        return cls(mean, scale, w[:-1], float(w[-1]), columns)

    def to_json(self) -> dict:
        return {
            "bias": round(self.bias, 6),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "weights": [round(float(v), 6) for v in self.weights],
            "columns": self.columns,
        }

    @classmethod
    def from_json(cls, data: dict) -> Classifier:
        return cls(
            np.asarray(data["mean"], dtype=np.float64),
            np.asarray(data["scale"], dtype=np.float64),
            np.asarray(data["weights"], dtype=np.float64),
            float(data["bias"]),
            None if data.get("columns") is None else int(data["columns"]),
        )


@dataclass
class Model:
    """The five classifiers and what they were fitted on."""

    classifiers: dict[str, Classifier]
    #: Free-form provenance: corpus, licence, attribution, documents, settings.
    about: dict = field(default_factory=dict)
    #: Counts of cue rules on the training corpus, by rule: for the objection
    #: cue of :mod:`argmap.mining.cues`, ``{"objection": {"units": n,
    #: "opponent": o, "related": m, "attack": a}}``.  Empty: no cue rule applies.
    cues: dict[str, dict[str, int]] = field(default_factory=dict)

    def save(self, path) -> str:
        """The weights file's text (JSON, licence first); written atomically when *path* is given."""
        header = {
            "format": FORMAT,
            "version": VERSION,
            "licence": self.about.get(
                "licence", "see the corpus this model was trained on"
            ),
            "attribution": self.about.get("attribution", ""),
            "code_licence": "MIT (argmap); this file is data derived from the corpus named above",
        }
        body = {key: value for key, value in self.about.items() if key not in header}
        document = {
            **header,
            "about": body,
            "cues": {
                name: dict(sorted(c.items())) for name, c in sorted(self.cues.items())
            },
            "classifiers": {
                name: c.to_json() for name, c in sorted(self.classifiers.items())
            },
        }
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        # One classifier per line keeps diffs of retrained weights readable.
        text = text.replace(',"classifiers":{', ',\n"classifiers":{\n').replace(
            '},"', '},\n"'
        )
        text += "\n"
        if path is not None:
            from argmap.fileio import atomic_write

            atomic_write(path, text)
        return text

    @property
    def licence(self) -> str:
        return str(self.about.get("licence", ""))


_cache: dict[str, Model] = {}


def load(path=None) -> Model:
    """The model in the weights file at *path* (default: the shipped one), read once."""
    path = Path(path) if path is not None else WEIGHTS
    key = str(path.resolve())
    if key in _cache:
        return _cache[key]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no such model file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: cannot read the model: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ModelError(
            f"{path}: not a model file (broken JSON at line {exc.lineno})"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"{path}: not an argmap model file (made by `argmap train`)")
    if data.get("version") != VERSION:
        raise ModelError(
            f"{path}: model format version {data.get('version')}, this argmap reads {VERSION}; "
            "retrain it with `argmap train`"
        )
    try:
        classifiers = {
            name: Classifier.from_json(c) for name, c in data["classifiers"].items()
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{path}: damaged model file ({exc})") from None
    missing = [t for t in (*UNIT_TASKS, *PAIR_TASKS) if t not in classifiers]
    if missing:
        raise ModelError(f"{path}: the model lacks {', '.join(missing)}; retrain it")
    from argmap.mining.features import PAIR_COLUMNS, STACKED_COLUMNS, UNIT_COLUMNS

    expected = {"attach": PAIR_COLUMNS + STACKED_COLUMNS}
    for name, classifier in classifiers.items():
        width = expected.get(name, UNIT_COLUMNS + EMBEDDING_COLUMNS)
        if classifier.columns is not None:
            width = min(width, classifier.columns)
        sizes = {len(classifier.mean), len(classifier.scale), len(classifier.weights)}
        if sizes != {width}:
            raise ModelError(
                f"{path}: the {name} classifier has {sorted(sizes)} weights where this argmap "
                f"computes {width} features; retrain it with `argmap train`"
            )
    about = dict(data.get("about") or {})
    about["licence"] = data.get("licence", "")
    about["attribution"] = data.get("attribution", "")
    from argmap.mining.cues import counts_problem

    cues = data.get("cues") or {}
    if not isinstance(cues, dict) or not all(
        isinstance(c, dict) and all(type(v) is int for v in c.values())
        for c in cues.values()
    ):
        raise ModelError(f"{path}: damaged model file (cues: not counts)")
    if "objection" in cues and (problem := counts_problem(cues["objection"])):
        raise ModelError(f"{path}: damaged model file (cues.objection: {problem})")
    model = Model(classifiers, about, cues)
    _cache[key] = model
    return model
