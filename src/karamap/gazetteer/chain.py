"""Several gazetteers as one: the user's overrides, then the offline index, then an online geocoder."""

from __future__ import annotations

from karamap.errors import OverrideError
from karamap.gazetteer.base import Gazetteer, normalise_name
from karamap.gazetteer.user import UserGazetteer
from karamap.model import Place

__all__ = ["ChainGazetteer"]


class ChainGazetteer(Gazetteer):
    """User > offline > online.

    - ``lookup_key`` (what recognition calls for every span) is answered by the
      user's places and aliases alone when they know the key (the user wins),
      else by the offline index; never online.
    - ``search`` asks the next backend only when the previous ones found nothing.
    - ``get`` asks the backend the id's namespace names first, then the others.
    - ``attribution`` is the online backend's once it supplied a place.

    Examples
    --------
    >>> from karamap.model import Place
    >>> offline = UserGazetteer([Place("geonames:1", "Aghdam", "city", "AZ", 39.99, 46.93)])
    >>> mine = UserGazetteer([Place("user:camp", "Aghdam", "facility", "AZ", 40.02, 46.91)])
    >>> chain = ChainGazetteer(offline, user=mine)
    >>> [p.id for p in chain.lookup_key("aghdam")]
    ['user:camp']
    """

    name = "chain"

    def __init__(self, offline: Gazetteer, *, user: UserGazetteer | None = None,
                 online: Gazetteer | None = None) -> None:
        self.offline = offline
        self.user = user
        self.online = online
        self._alias_places: dict[str, list[Place]] = {}
        if user is not None:
            for alias in user.aliases:
                target = user.get(alias.target) or offline.get(alias.target)
                if target is None:
                    raise OverrideError(f"{alias.origin}: same_as {alias.target!r} is not a known place id")
                bucket = self._alias_places.setdefault(normalise_name(alias.name), [])
                if target not in bucket:
                    bucket.append(target)

    @property
    def attribution(self) -> str:  # type: ignore[override]
        parts = [b.attribution for b in self._backends() if b.attribution]
        return "; ".join(dict.fromkeys(parts))

    def _backends(self) -> list[Gazetteer]:
        return [b for b in (self.user, self.offline, self.online) if b is not None]

    def _user_hits(self, key: str) -> list[Place]:
        hits = list(self.user.lookup_key(key)) if self.user is not None else []
        for place in self._alias_places.get(key, ()):
            if place not in hits:
                hits.append(place)
        return hits

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        hits = self._user_hits(key)
        if hits:
            return tuple(hits)
        return tuple(self.offline.lookup_key(key))

    def lookup_romanised(self, rkey: str) -> tuple[Place, ...]:
        return tuple(self.offline.lookup_romanised(rkey))

    def search(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        hits = self._user_hits(normalise_name(name))
        if country:
            hits = [p for p in hits if p.country == country.upper()]
        if hits:
            return hits[:limit]
        found = self.offline.search(name, country=country, limit=limit)
        if found or self.online is None:
            return found
        return self.online.search(name, country=country, limit=limit)

    def get(self, place_id: str) -> Place | None:
        prefix = place_id.split(":", 1)[0]
        owners = {b.name: b for b in (self.user, self.online) if b is not None}
        first = owners.get(prefix, self.offline)
        for backend in [first, *(b for b in self._backends() if b is not first)]:
            place = backend.get(place_id)
            if place is not None:
                return place
        return None

    def close(self) -> None:
        for backend in self._backends():
            backend.close()
