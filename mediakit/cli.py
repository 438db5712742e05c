"""The ``mediakit`` command.

    mediakit figures [-o figures/]                    run every notebook, write every figure
    mediakit demo                                     clean the bundled sample pages, print a summary
    mediakit clean PAGE_OR_FOLDER... [-o cleaned.jsonl|.parquet|.csv]
    mediakit analyze SOURCE -o features.parquet [--jobs N] [--chunksize N]
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from . import __version__


class _Group(click.Group):
    """Turns mediakit's own errors into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        from .errors import MediakitError

        try:
            return super().invoke(ctx)
        except MediakitError as e:
            raise click.ClickException(str(e)) from e


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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


@main.command()
@click.option("-o", "--out", "--output", "output", default="figures", show_default=True,
              type=click.Path(path_type=Path), help="Folder for the figures and the executed notebooks.")
@click.option("--corpus", default=None, help="Dataset name or path to run the notebooks on (default: workshop).")
@click.option("--notebooks", default=None, type=click.Path(path_type=Path), help="Notebook scripts folder.")
@click.option("--only", multiple=True, help="Run only notebooks whose name contains this (repeatable).")
def figures(output: Path, corpus: str | None, notebooks: Path | None, only: tuple[str, ...]) -> None:
    """Reproduce every figure: run the curated notebooks top to bottom on the bundled data."""
    from .reproduce import run_notebooks

    params = {"corpus": corpus} if corpus else {}
    runs = run_notebooks(notebooks, output, parameters=params, only=list(only) or None, progress=True)
    failed = 0
    for r in runs:
        status = "ok" if r.error is None else f"FAILED ({r.error})"
        click.echo(f"{r.name:<36} {r.seconds:6.1f} s  {len(r.figures)} figure(s)  {status}")
        for f in r.figures:
            click.echo(f"    {f}")
        failed += r.error is not None
    click.echo(f"{len(runs) - failed}/{len(runs)} notebooks ran; figures and executed notebooks in {output}/")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("corpus", nargs=-1, required=True)
@click.option("-o", "--output", default="report.html", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write.")
@click.option("--by", default="outlet", show_default=True, help="Column to compare (e.g. event_id).")
@click.option("--title", default=None, help="Title at the top of the page.")
@click.option("--max-articles", default=200, show_default=True, type=click.IntRange(0),
              help="Articles highlighted in full (the table lists all of them).")
@click.option("--expand", is_flag=True, help="Write the highlighted articles open, not folded.")
@click.option("--text-column", default=None, help="Column holding the text (tables only).")
def report(corpus: tuple[str, ...], output: Path, by: str, title: str | None, max_articles: int,
           expand: bool, text_column: str | None) -> None:
    """One self-contained HTML page about CORPUS (a dataset name such as workshop, or paths)."""
    import time

    from .report import write_report

    started = time.perf_counter()
    source = corpus[0] if len(corpus) == 1 else list(corpus)
    path = write_report(source, output, by=by, title=title, max_articles=max_articles,
                        expand=expand, text_column=text_column)
    click.echo(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in "
               f"{time.perf_counter() - started:.1f} s; open it in any web browser")


@main.command()
def demo() -> None:
    """Clean the bundled sample pages (messy saved pages of the workshop corpus) and summarise."""
    from .datasets import load_sample_pages
    from .load.corpus import load_corpus

    pages = load_sample_pages()
    click.echo(f"Cleaning {len(pages)} bundled sample page(s)...")
    df = load_corpus([str(p) for p in pages])
    print_summary(df)


@main.command()
@click.argument("source", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Output folder of Parquet parts (e.g. features.parquet).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Worker processes.")
@click.option("--chunksize", default=2000, show_default=True, type=click.IntRange(1),
              help="Articles per chunk (memory per worker grows with it).")
@click.option("--measures", default="hedges,sources,frames", show_default=True,
              help="Comma-separated subset of hedges,sources,frames.")
@click.option("--text-column", default=None, help="Column holding the text (tables only).")
@click.option("--overwrite", is_flag=True, help="Replace the output folder if it exists.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def analyze(source: tuple[str, ...], output: Path, jobs: int, chunksize: int, measures: str,
            text_column: str | None, overwrite: bool, quiet: bool) -> None:
    """Stream SOURCE (files, folders, globs) through mk.profile into partitioned Parquet."""
    from .analyze import analyze as run

    rep = run(list(source), output, jobs=jobs, chunksize=chunksize,
              measures=tuple(m.strip() for m in measures.split(",") if m.strip()),
              text_column=text_column, overwrite=overwrite, progress=not quiet)
    click.echo(f"{rep.articles} article(s), {rep.words} words in {rep.seconds:.1f} s "
               f"({rep.articles_per_s:.0f} articles/s) -> {output} ({rep.parts} part(s))")
    if rep.errors:
        click.echo(f"{len(rep.errors)} input(s) skipped:", err=True)
        for e in rep.errors[:20]:
            click.echo(f"  {e['path']}: {e['error']}", err=True)


def _shown(value) -> str:
    """One mark for a missing value in every field ("-"), whether None, NaN, NaT or ""."""
    import pandas as pd

    return "-" if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)) \
        else str(value)


def print_summary(df, show_boilerplate: bool = False) -> None:
    for rec in df.to_dict("records"):
        name = Path(rec["source_path"]).name if isinstance(rec.get("source_path"), str) else rec["doc_id"]
        click.secho(f"{name}", bold=True)
        click.echo(f"  title:   {_shown(rec.get('title'))}")
        click.echo(f"  author:  {_shown(rec.get('author'))}    editor: {_shown(rec.get('editor'))}")
        click.echo(f"  outlet:  {_shown(rec.get('outlet'))}    section: {_shown(rec.get('section'))}")
        click.echo(f"  date:    {_shown(rec.get('published'))}")
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
