"""The ``mediakit`` command.

    mediakit figures [-o figures/] [--corpus PATH]    run every notebook, write every figure
    mediakit report CORPUS -o report.html             one self-contained HTML page
    mediakit clean PAGE_OR_FOLDER... [--show] [-o cleaned.jsonl|.parquet|.csv]
    mediakit analyze SOURCE -o features.parquet [--jobs N] [--chunksize N]
    mediakit demo                                     clean the bundled sample pages, print a summary
    mediakit workshop-pack DIR                        everything a room without internet installs from

Every command's ``--help`` gives its full description and examples.
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

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # in the order below: most used first


# Wide enough that option help is not squeezed into a narrow column on a laptop terminal.
_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=_Group, context_settings=_CONTEXT, epilog="""\b
Examples:
  mediakit figures                          every notebook on the bundled workshop corpus
  mediakit figures --corpus my_pages/       the same notebooks on your own saved pages
  mediakit report workshop -o report.html   one HTML page, no Jupyter needed
  mediakit clean page.txt --show            what the loader keeps of a saved page
  mediakit workshop-pack usb/wheelhouse     prepare an install that needs no internet

Run 'mediakit COMMAND --help' for a command's options and more examples.""")
@click.version_option(__version__, prog_name="mediakit")
def main() -> None:
    """Measure hedging, cited sources and framing in news articles, and compare outlets.

    Each command below works on a corpus: a bundled dataset name (workshop, workshop-pages),
    saved pages (.txt copy-pastes, .html), a folder or glob of them, a table (.csv, .jsonl,
    .parquet) or a research export (Nexis, Factiva, WARC).
    """


@main.command(short_help="Run every curated notebook and write every figure.", epilog="""\b
Examples:
  mediakit figures                              bundled workshop corpus -> figures/
  mediakit figures --corpus my_pages/ -o out/   your own pages -> out/
  mediakit figures --only 02 --only 03          just the hedging and sources notebooks""")
@click.option("-o", "--out", "--output", "output", default="figures", show_default=True,
              type=click.Path(path_type=Path), help="Folder for the figures and the executed notebooks.")
@click.option("--corpus", default=None,
              help="Dataset name or path to run the notebooks on (default: workshop, the bundled corpus).")
@click.option("--notebooks", default=None, type=click.Path(path_type=Path),
              help="Folder of notebook scripts NN_name.py (default: the curated notebooks).")
@click.option("--only", multiple=True, help="Run only notebooks whose name contains this (repeatable).")
def figures(output: Path, corpus: str | None, notebooks: Path | None, only: tuple[str, ...]) -> None:
    """Reproduce every figure: run the curated notebooks top to bottom, each in a fresh kernel.

    Writes the PNG figures to the output folder and an executed copy of each notebook (.ipynb to
    open in JupyterLab, .html to open in any browser) to its notebooks/ subfolder. A re-run
    gives byte-identical PNGs.

    The summary lists the input files the loaders skipped (with the reason), the sections that
    could not run on this corpus (for example "same story across outlets" on a corpus with no
    shared story), and the notebooks that failed. The exit status is non-zero only when a
    notebook fails.
    """
    from .reproduce import corpus_problems, run_notebooks

    params = {"corpus": corpus} if corpus else {}
    problems = corpus_problems(corpus) if corpus else []  # also stops early on a corpus that is not there
    runs = run_notebooks(notebooks, output, parameters=params, only=list(only) or None, progress=True)
    failed = [r for r in runs if r.error is not None]
    for r in runs:
        status = "ok" if r.error is None else "FAILED"
        notes = f", {len(r.skipped_sections)} section(s) skipped" if r.skipped_sections else ""
        click.echo(f"{r.name:<36} {r.seconds:6.1f} s  {len(r.figures)} figure(s){notes}  {status}")
        for f in r.figures:
            click.echo(f"    {f}")
    if problems:
        click.echo(f"\n{len(problems)} input file(s) skipped (in no figure):")
        for p in problems:
            click.echo(f"  {p['path']}: {p['error']}")
    sections = [(r.name, note) for r in runs for note in r.skipped_sections]
    if sections:
        click.echo(f"\n{len(sections)} section(s) could not run on this corpus:")
        for name, note in sections:
            click.echo(f"  {name}: {note}")
    if failed:
        click.echo(f"\n{len(failed)} notebook(s) failed:")
        for r in failed:
            click.echo(f"  {r.name}: {r.error}\n    the failing cell is shown in {r.executed}")
    click.echo(f"\n{len(runs) - len(failed)}/{len(runs)} notebooks ran; figures and executed "
               f"notebooks in {output}/")
    if failed:
        sys.exit(1)


@main.command(short_help="Write one self-contained HTML page about a corpus.", epilog="""\b
Examples:
  mediakit report workshop -o report.html
  mediakit report my_pages/ --title "Flood coverage, March" --expand
  mediakit report corpus.csv --text-column body --by event_id""")
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
    """One self-contained HTML page about CORPUS: a dataset name such as workshop, or paths.

    The page holds the comparison table, the figures and every article with its hedges and
    sources highlighted; it needs no Jupyter, no internet and no other file, so it can be
    e-mailed or put on a shared drive.
    """
    import time

    from .report import write_report

    started = time.perf_counter()
    source = corpus[0] if len(corpus) == 1 else list(corpus)
    path = write_report(source, output, by=by, title=title, max_articles=max_articles,
                        expand=expand, text_column=text_column)
    click.echo(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in "
               f"{time.perf_counter() - started:.1f} s; open it in any web browser")


@main.command(short_help="Clean saved pages, tables and exports into one corpus.", epilog="""\b
Examples:
  mediakit clean page.txt --show                 print what is kept of one saved page
  mediakit clean page.html --show-boilerplate    and every line that was removed
  mediakit clean my_pages/ -o cleaned.jsonl      a folder -> one table (.jsonl/.parquet/.csv)""")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the cleaned corpus (.jsonl, .parquet or .csv).")
@click.option("--show", "show_text", is_flag=True, help="Print the cleaned text of each article.")
@click.option("--show-boilerplate", is_flag=True,
              help="Print the lines removed from each saved page (menus, share buttons, footers ...).")
@click.option("--text-column", default=None, help="Column holding the text (tables only).")
def clean(paths: tuple[Path, ...], output: Path | None, show_text: bool, show_boilerplate: bool,
          text_column: str | None) -> None:
    """Clean PATHS (saved pages as text dumps or HTML, folders, tables, exports) into one corpus.

    For each article it prints the title, author, outlet, date and how many words were kept;
    --show adds the cleaned text itself, so you can check what the measures will read. Files
    that cannot be loaded are listed with the reason; the exit status is 1 when nothing loads.
    """
    from .load.corpus import load_corpus

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = load_corpus([str(p) for p in paths], text_column=text_column)
    print_summary(df, show_boilerplate=show_boilerplate, show_text=show_text)
    for w in caught:
        if "could not be loaded" not in str(w.message):
            click.echo(f"warning: {w.message}", err=True)
    if output is not None:
        write_table(df, output)
        click.echo(f"wrote {len(df)} article(s) to {output}")
    if df.attrs.get("errors") and not len(df):
        sys.exit(1)


@main.command(short_help="Measure a corpus of any size into partitioned Parquet.", epilog="""\b
Examples:
  mediakit analyze corpus.jsonl -o features.parquet
  mediakit analyze "archive/*.warc.gz" -o features.parquet --jobs 2 --chunksize 500
  mediakit analyze export.csv --text-column body --measures hedges -o hedges.parquet""")
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
    """Stream SOURCE (files, folders, globs) through mk.profile into partitioned Parquet.

    Memory stays flat whatever the corpus size: articles are read and measured a chunk at a
    time, and each chunk is written as one Parquet part. Read the result with
    pandas.read_parquet("features.parquet") or Dask.
    """
    from .analyze import analyze as run
    from .extras import require

    require("pyarrow", "mediakit analyze (it writes Parquet)")
    rep = run(list(source), output, jobs=jobs, chunksize=chunksize,
              measures=tuple(m.strip() for m in measures.split(",") if m.strip()),
              text_column=text_column, overwrite=overwrite, progress=not quiet)
    click.echo(f"{rep.articles} article(s), {rep.words} words in {rep.seconds:.1f} s "
               f"({rep.articles_per_s:.0f} articles/s) -> {output} ({rep.parts} part(s))")
    if rep.errors:
        click.echo(f"{len(rep.errors)} input(s) skipped:", err=True)
        for e in rep.errors[:20]:
            click.echo(f"  {e['path']}: {e['error']}", err=True)


@main.command(short_help="Clean the bundled messy sample pages and summarise them.", epilog="""\b
Example:
  mediakit demo""")
def demo() -> None:
    """Clean the bundled sample pages (messy saved pages of the workshop corpus) and summarise.

    A first check that the installation works; it needs no data of your own.
    """
    from .datasets import load_sample_pages
    from .load.corpus import load_corpus

    pages = load_sample_pages()
    click.echo(f"Cleaning {len(pages)} bundled sample page(s)...")
    df = load_corpus([str(p) for p in pages])
    print_summary(df)


@main.command("workshop-pack", short_help="Prepare an install for a room without internet.",
              epilog="""\b
Examples:
  mediakit workshop-pack usb/mediakit-workshop
  mediakit workshop-pack usb/mediakit-workshop --platform win_amd64 --platform macosx_11_0_arm64
  mediakit workshop-pack usb/mediakit-workshop --python-version 3.12 --extras notebooks,research

\b
Then on each laptop, with no network:
  python -m pip install --no-index --find-links usb/mediakit-workshop "mediakit[notebooks]\"""")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--extras", default="notebooks", show_default=True,
              help="Extras to include, comma-separated (notebooks, research, scale).")
@click.option("--platform", "platforms", multiple=True,
              help="Also fetch wheels for this pip platform tag (repeatable), e.g. win_amd64, "
                   "macosx_11_0_arm64, macosx_10_13_x86_64, manylinux2014_x86_64.")
@click.option("--python-version", "python_versions", multiple=True,
              help="Python version of the students' laptops (repeatable), e.g. 3.12; default: this one.")
def workshop_pack(folder: Path, extras: str, platforms: tuple[str, ...],
                  python_versions: tuple[str, ...]) -> None:
    """Download into FOLDER every wheel a student install needs, with mediakit's own wheel,
    the notebooks and an INSTALL.txt, so that laptops install from a USB stick or a shared
    folder with no internet in the room.

    Run it once, with internet, on the teacher's machine, from a clone of the repository.
    Wheels only (nothing is compiled on the students' laptops). Without --platform it fetches
    wheels for this machine only; add the platforms of the students' laptops.
    """
    from .workshop_pack import build_pack

    pack = build_pack(folder, extras=[e.strip() for e in extras.split(",") if e.strip()],
                      platforms=list(platforms), python_versions=list(python_versions),
                      echo=click.echo)
    click.echo(f"{pack.wheels} wheel(s), {pack.megabytes:.0f} MB in {folder}/; "
               f"instructions: {folder / 'INSTALL.txt'}")


def _shown(value) -> str:
    """One mark for a missing value in every field ("-"), whether None, NaN, NaT or ""."""
    import pandas as pd

    return "-" if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)) \
        else str(value)


def print_summary(df, show_boilerplate: bool = False, show_text: bool = False) -> None:
    for rec in df.to_dict("records"):
        name = Path(rec["source_path"]).name if isinstance(rec.get("source_path"), str) else rec["doc_id"]
        click.secho(f"{name}", bold=True)
        click.echo(f"  title:   {_shown(rec.get('title'))}")
        click.echo(f"  author:  {_shown(rec.get('author'))}    editor: {_shown(rec.get('editor'))}")
        click.echo(f"  outlet:  {_shown(rec.get('outlet'))}    section: {_shown(rec.get('section'))}")
        click.echo(f"  date:    {_shown(rec.get('published'))}")
        click.echo(f"  words kept: {rec.get('words', 0)}    lines removed: {rec.get('boilerplate_lines', 0) or 0}")
        if show_boilerplate:
            _print_removed(rec.get("source_path"))
        if show_text:
            click.echo("  text:")
            for line in str(rec.get("text") or "").splitlines():
                click.echo(f"    {line}" if line.strip() else "")
            click.echo("")
    errors = df.attrs.get("errors", [])
    click.echo(f"{len(df)} article(s) loaded, {len(errors)} file(s) failed")
    for e in errors:
        click.echo(f"  FAILED {e['path']}: {e['error']}", err=True)


def _print_removed(source_path) -> None:
    """The lines the page cleaner removed from one saved page (tables and exports have none)."""
    from .errors import MediakitError
    from .load.articles import load_article

    if not isinstance(source_path, str) or not Path(source_path).is_file():
        return
    try:
        removed = load_article(source_path).boilerplate
    except MediakitError:
        return
    click.echo(f"  removed ({len(removed)} line(s), before the folder-wide template pass):")
    for line in removed:
        click.echo(f"    - {line}")


def write_table(df, output: Path) -> None:
    """Write a corpus or feature table; the suffix picks the format."""
    suffix = output.suffix.lower()
    if suffix == ".parquet":
        from .extras import require

        require("pyarrow", "writing Parquet")
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
