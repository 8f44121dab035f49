"""Names of output files and titles of maps: checked before any work, so a run never fails at its end."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from karamap.atomic import TEMP_MARKER, is_stream_target
from karamap.errors import ConfigurationError
from karamap.terminal import one_line, printable

__all__ = ["check_output_name", "check_file_name", "check_title", "MAX_NAME_BYTES", "MAX_TITLE_CHARS"]

#: ``--name`` in UTF-8 bytes: its longest output (NAME-regions.geojson) and that file's temporary
#: name (.NAME-regions.geojson.karamap-tmp-PID-XXXXXXXX.geojson) then fit the usual 255-byte limit
MAX_NAME_BYTES = 200
#: a map title is a line of a page, not a text
MAX_TITLE_CHARS = 500
#: the longest file name most file systems take (ext4, XFS, btrfs, APFS, NTFS in UTF-16 units)
_FS_NAME_BYTES = 255
#: what a temporary file's name adds to its target's: "." + marker + pid (up to 7 digits) + "-" + 8 hex
_TEMP_EXTRA_BYTES = 1 + len(TEMP_MARKER) + 7 + 1 + 8
# Controls (C0, DEL, C1), line and paragraph separators, and lone surrogates: the last are the
# bytes of an argument that was not UTF-8, as Python decodes them.
_CONTROL = frozenset({"Cc", "Zl", "Zp", "Cs"})


def _shown(text: str) -> str:
    return one_line(text, 60)


def _control(text: str) -> str | None:
    return next((c for c in text if unicodedata.category(c) in _CONTROL), None)


def _utf8(text: str, what: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ConfigurationError(f"{what} '{_shown(text)}' is not UTF-8 text") from err


def check_output_name(name: str, *, what: str = "--name") -> str:
    """``name`` if it can be the base name of output files in a folder, else a :class:`ConfigurationError`.

    A name is one file name: UTF-8, no path separator, no ``..``, not hidden, no
    control character, at most :data:`MAX_NAME_BYTES` bytes, and never karamap's
    temporary-file marker (the next run would take such a file for a leftover).

    Examples
    --------
    >>> check_output_name("caucasus-2021")
    'caucasus-2021'
    >>> check_output_name("../maps")
    Traceback (most recent call last):
    ...
    karamap.errors.ConfigurationError: --name '../maps' is a path, not a file name (no slashes, backslashes or '..')
    """
    if not isinstance(name, str):
        raise ConfigurationError(f"{what} must be a string, not {type(name).__name__}")
    encoded = _utf8(name, what)
    if not name.strip():
        raise ConfigurationError(f"{what} is empty")
    if any(sep in name for sep in ("/", "\\", os.sep, os.altsep or "/")) or ".." in name:
        raise ConfigurationError(f"{what} '{_shown(name)}' is a path, not a file name (no slashes, backslashes or '..')")
    if name.startswith("."):
        raise ConfigurationError(f"{what} '{_shown(name)}' starts with '.': its outputs would be hidden files")
    bad = _control(name)
    if bad is not None:
        raise ConfigurationError(f"{what} '{_shown(name)}' holds a control character ({printable(bad)})")
    if len(encoded) > MAX_NAME_BYTES:
        raise ConfigurationError(f"{what} is {len(encoded)} bytes long; at most {MAX_NAME_BYTES} are allowed")
    _no_marker(name, what)
    return name


def check_file_name(path: str | os.PathLike[str], *, what: str = "-o") -> Path:
    """``path`` if its file name can be written (and its temporary file named), else a :class:`ConfigurationError`.

    The folder part is not checked here (:func:`karamap.atomic.check_output_file` does);
    nor are ``-``, pipes and devices, which are written to directly.

    >>> check_file_name("out/article.jsonl").name
    'article.jsonl'
    >>> check_file_name("out/.a.jsonl.karamap-tmp-4242-0badcafe.jsonl")
    Traceback (most recent call last):
    ...
    karamap.errors.ConfigurationError: -o '.a.jsonl.karamap-tmp-4242-0badcafe.jsonl' carries '.karamap-tmp-', the mark of karamap's temporary files; choose another name
    """
    try:
        if is_stream_target(path):
            return Path(path)
    except ValueError as err:  # a NUL in the path
        raise ConfigurationError(f"{what} '{_shown(os.fspath(path))}' names no file") from err
    path = Path(path)
    name = path.name
    if not name or name in (".", ".."):
        raise ConfigurationError(f"{what} '{_shown(os.fspath(path))}' names no file")
    encoded = _utf8(name, what)
    bad = _control(name)
    if bad is not None:
        raise ConfigurationError(f"{what} '{_shown(name)}' holds a control character ({printable(bad)})")
    if len(encoded) + len(path.suffix.encode("utf-8")) + _TEMP_EXTRA_BYTES > _FS_NAME_BYTES:
        raise ConfigurationError(f"{what}: the file name is {len(encoded)} bytes long; too long to be written "
                                 f"safely (keep it under {MAX_NAME_BYTES})")
    _no_marker(name, what)
    return path


def check_title(title: str | None) -> str | None:
    """``title`` if it can title a map: UTF-8, one line without control characters, at most
    :data:`MAX_TITLE_CHARS` characters. ``None`` (the default title) passes.

    >>> check_title("Nagorno-Karabakh, 2020-2021")
    'Nagorno-Karabakh, 2020-2021'
    >>> check_title("a" * 501)
    Traceback (most recent call last):
    ...
    karamap.errors.ConfigurationError: --title is 501 characters long; at most 500 are allowed
    """
    if title is None:
        return None
    if not isinstance(title, str):
        raise ConfigurationError(f"--title must be a string, not {type(title).__name__}")
    _utf8(title, "--title")
    bad = _control(title)
    if bad is not None:
        raise ConfigurationError(f"--title '{_shown(title)}' holds a control character ({printable(bad)}); "
                                 "a title is one line")
    if len(title) > MAX_TITLE_CHARS:
        raise ConfigurationError(f"--title is {len(title)} characters long; at most {MAX_TITLE_CHARS} are allowed")
    return title


def _no_marker(name: str, what: str) -> None:
    if TEMP_MARKER in name:
        raise ConfigurationError(f"{what} '{_shown(name)}' carries {TEMP_MARKER!r}, the mark of karamap's "
                                 "temporary files; choose another name")
