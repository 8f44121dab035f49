"""Gazetteers: the offline index (default), the user's overrides and the optional online geocoders."""

from karamap.gazetteer.base import Gazetteer, normalise_name

__all__ = ["Gazetteer", "normalise_name"]
