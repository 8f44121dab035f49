"""``karamap formats``: the input header, the annotate JSONL fields and the CSV columns."""

from __future__ import annotations

import click

from karamap.contract import (
    ARTICLE_COLUMNS,
    HEADER_LINE,
    TEXT_COLUMNS,
    jsonl_fields,
    layer_csv_columns,
)

__all__ = ["formats_command", "formats_text"]

FORMAT_DOC = "docs/format.md"


def _wrapped(names: tuple[str, ...], indent: str = "    ") -> str:
    lines, line = [], indent
    for name in names:
        piece = name + ", "
        if len(line) + len(piece) > 96 and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += piece
    lines.append(line.rstrip().rstrip(","))
    return "\n".join(lines)


def formats_text() -> str:
    """The text ``karamap formats`` prints."""
    fields = jsonl_fields()
    parts = [
        "Articles in",
        "  a text file (.txt, .text, .md, no extension) is one article; its optional first line:",
        f"    {HEADER_LINE}",
        "  a JSONL line (.jsonl, .ndjson):",
        '    {"id", "text", "date"?, "title"?, "url"?, "source"?}',
        "  a CSV (.csv, .tsv) or Parquet (.parquet) table, one article a row:",
        f"    text from --text-column, else the first of: {', '.join(TEXT_COLUMNS)}",
        f"    also read when present: {', '.join(ARTICLE_COLUMNS)}",
        "",
        "karamap annotate: one JSON object per article",
        _wrapped(fields["record"]),
    ]
    for key in ("places", "withheld", "timexes", "events"):
        parts += [f"  {key}[]:", _wrapped(fields[key])]
    parts += ["", "Layers (karamap export; CSV columns, also the GeoJSON properties but geometry_wkt)"]
    for layer, columns in layer_csv_columns().items():
        parts += [f"  {layer}:", _wrapped(columns)]
    parts += ["", f"Meanings, output formats and exit codes: {FORMAT_DOC} in the repository."]
    return "\n".join(parts)


@click.command("formats")
def formats_command() -> None:
    """Print the input header line, the annotate JSONL fields and the layers' CSV columns
    (the data contract; docs/format.md explains each field)."""
    click.echo(formats_text())
