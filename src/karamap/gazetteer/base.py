"""The one contract every gazetteer backend keeps: ``search`` by name and ``get`` by id."""

from __future__ import annotations

import abc
import unicodedata

from karamap.model import Place

__all__ = ["Gazetteer", "normalise_name"]


def normalise_name(name: str) -> str:
    """The lookup key of a name: accents stripped, case folded, spaces and dashes unified.

    >>> normalise_name("  Dağlık   Karabağ ")
    'daglik karabag'
    >>> normalise_name("Nagorno–Karabakh")
    'nagorno-karabakh'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    stripped = stripped.replace("ı", "i").replace("ə", "e").replace("Ə", "e")
    return " ".join(stripped.casefold().split())


class Gazetteer(abc.ABC):
    """A source of places.

    Subclasses answer two questions and nothing else; policy (rate limits,
    caches, fallbacks) wraps a backend instead of living in it.
    """

    #: short name used in messages and in ``Place.source``
    name: str = "gazetteer"
    #: attribution line a map that used this backend must show ("" for none)
    attribution: str = ""

    @abc.abstractmethod
    def search(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        """Places called ``name`` (any alias), best candidates first.

        ``country`` (ISO 3166-1 alpha-2) restricts the answer to one country.
        An unknown name gives an empty list, never an error.
        """

    @abc.abstractmethod
    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None when this backend does not know it."""

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        """Places whose name or alias normalises exactly to ``key`` (see :func:`normalise_name`).

        Recognition calls this for every candidate span of a text, so it must be a
        local, constant-time look-up. Backends that cannot answer offline (online
        geocoders) keep this default and are only asked by :meth:`search`.
        """
        return ()

    def lookup_romanised(self, rkey: str) -> tuple[Place, ...]:
        """Places one of whose names has the romanisation key ``rkey`` (see
        :func:`karamap.gazetteer.romanise.romanised_key`): a weaker reading than
        :meth:`lookup_key`, asked only for names no exact key knows. Local and fast, like
        ``lookup_key``; the default knows none.
        """
        return ()

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files or connections; the default holds none."""
