"""argmap train: fit the argument miner's weights on a corpus of argument maps."""

from __future__ import annotations

import click

from argmap.cli._common import emit_json, handle_errors, json_option


@click.command()
@click.argument("corpus", type=click.Path(exists=False))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="MODEL",
    help="Weights file to write (.json).",
)
@click.option(
    "--from",
    "fmt",
    default=None,
    metavar="FORMAT",
    help="Corpus format (default: microtext for a folder of .xml, else by extension).",
)
@click.option(
    "--licence",
    default=None,
    help="Licence of the corpus, written into the weights file (default for microtext: "
    "CC BY-NC-SA 4.0).",
)
@click.option(
    "--attribution",
    default=None,
    help="Who made the corpus, written into the weights file.",
)
@click.option("--force", is_flag=True, help="Overwrite MODEL if it exists.")
@json_option
@handle_errors
def command(corpus, output, fmt, licence, attribution, force, as_json):
    """Fit the extractor's model on CORPUS and write its weights to MODEL.

    CORPUS is anything argmap reads whose maps are trees with one thesis: a
    folder of arg-microtexts XML (with the .txt beside each file), AIF
    files, or map files whose claims quote their source text (source.text).
    Use the weights with `argmap extract ARTICLE --model MODEL`. Weights
    derived from a corpus carry its licence: say it with --licence.

    \b
    Examples:
      argmap train corpora/arg-microtexts/en -o microtexts.json
      argmap train my-maps/ -o mine.json --licence "CC BY 4.0" --attribution "Our lab"
      argmap extract article.txt --model mine.json -o draft.yaml
    """
    from argmap.commands.outputs import new_file
    from argmap.mining.corpus import load_corpus
    from argmap.mining.train import MICROTEXT_ABOUT, fit

    out = new_file(
        output, suffixes=(".json",), what="a model is a JSON file", force=force
    )
    documents, skipped = load_corpus(corpus, fmt)
    for reason in skipped:
        click.echo(f"argmap: skipped {reason}", err=True)
    microtext = all(d.id.startswith("micro_") for d in documents) or fmt == "microtext"
    about = (
        dict(MICROTEXT_ABOUT)
        if microtext
        else {
            "corpus": str(corpus),
            "licence": "the licence of the corpus it was trained on (not given)",
            "attribution": "",
        }
    )
    about["corpus"] = f"{corpus} ({len(documents)} documents)"
    if licence:
        about["licence"] = licence
    if attribution:
        about["attribution"] = attribution

    def say(message: str) -> None:
        if not as_json:
            click.echo(f"argmap train: {message}", err=True)

    model = fit(documents, about=about, progress=say)
    model.save(out)
    if as_json:
        emit_json(
            {
                "path": str(out),
                "documents": len(documents),
                "units": sum(len(d.units) for d in documents),
                "skipped": skipped,
                "licence": about["licence"],
            }
        )
    else:
        click.echo(
            f"wrote {out} ({len(documents)} documents, {sum(len(d.units) for d in documents)} units"
            f"{f', {len(skipped)} skipped' if skipped else ''}); use it: argmap extract ARTICLE --model {out}",
            err=True,
        )
