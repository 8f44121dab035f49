"""Recognition: the spans of an article that name places, peoples (demonyms), groups and facilities."""

from karamap.recognise.spans import recognise

__all__ = ["recognise"]
