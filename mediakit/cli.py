"""The ``mediakit`` command.

    mediakit clean PAGE_OR_FOLDER... [-o cleaned.jsonl|.parquet|.csv]
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mediakit")
def main() -> None:
    """Measure hedging, cited sources and framing in news articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the cleaned corpus (.jsonl, .parquet or .csv).")
@click.option("--text-column", default=None, help="Column holding the text (tables only).")
@click.option("--show-boilerplate", is_flag=True, help="Also print the removed lines.")
def clean(paths: tuple[Path, ...], output: Path | None, text_column: str | None,
          show_boilerplate: bool) -> None:
    """Clean saved pages (text dumps or HTML), tables and exports into one corpus."""
    from .load.corpus import load_corpus

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = load_corpus([str(p) for p in paths], text_column=text_column)
    print_summary(df, show_boilerplate=show_boilerplate)
    for w in caught:
        if "could not be loaded" not in str(w.message):
            click.echo(f"warning: {w.message}", err=True)
    if output is not None:
        write_table(df, output)
        click.echo(f"wrote {len(df)} article(s) to {output}")
    if df.attrs.get("errors") and not len(df):
        sys.exit(1)


def print_summary(df, show_boilerplate: bool = False) -> None:
    for rec in df.to_dict("records"):
        name = Path(rec["source_path"]).name if isinstance(rec.get("source_path"), str) else rec["doc_id"]
        click.secho(f"{name}", bold=True)
        click.echo(f"  title:   {rec.get('title') or '-'}")
        click.echo(f"  author:  {rec.get('author') or '-'}    outlet: {rec.get('outlet') or '-'}")
        pub = rec.get("published")
        click.echo(f"  date:    {pub if isinstance(pub, str) or pub == pub and pub is not None else '-'}")
        click.echo(f"  words kept: {rec.get('words', 0)}    lines removed: {rec.get('boilerplate_lines', 0) or 0}")
    errors = df.attrs.get("errors", [])
    click.echo(f"{len(df)} article(s) loaded, {len(errors)} file(s) failed")
    for e in errors:
        click.echo(f"  FAILED {e['path']}: {e['error']}", err=True)


def write_table(df, output: Path) -> None:
    """Write a corpus or feature table; the suffix picks the format."""
    suffix = output.suffix.lower()
    out = df.copy()
    for col in out.columns:  # lists/dicts do not survive CSV or Parquet as-is
        if out[col].map(lambda v: isinstance(v, (list, dict))).any():
            out[col] = out[col].map(lambda v: None if v is None else str(v))
    if suffix == ".parquet":
        out.to_parquet(output, index=False)
    elif suffix == ".csv":
        out.to_csv(output, index=False)
    elif suffix in (".jsonl", ".ndjson"):
        out.to_json(output, orient="records", lines=True, date_format="iso", force_ascii=False)
    else:
        raise click.BadParameter(f"unknown output format {suffix!r}; use .jsonl, .parquet or .csv")


if __name__ == "__main__":
    main()
