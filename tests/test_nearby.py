"""karamap.nearby gives what a pass over every place gives: the closeness of a point to weighted
places (the k-d tree) and whether any place lies within a distance (the grid over the sphere),
for places anywhere on Earth, across the antimeridian and near the poles, as weights change."""

from __future__ import annotations

import doctest

from hypothesis import given, settings
from hypothesis import strategies as st

import karamap.nearby
from karamap.model import Place
from karamap.nearby import Closeness, Within, closeness_to
from karamap.resolve import NEAR_KM, distance_km

lats = st.floats(-90.0, 90.0, allow_nan=False)
lons = st.floats(-180.0, 180.0, allow_nan=False)
# clusters as well as spread: a few centres, points scattered around them
points = st.lists(st.tuples(lats, lons), min_size=0, max_size=60)
weights = st.sampled_from([0.0, 0.2, 0.5, 0.5, 0.75, 1.0])
SCALE = 111.195 / NEAR_KM


def test_the_examples_hold():
    assert doctest.testmod(karamap.nearby).failed == 0


@settings(max_examples=150, deadline=None)
@given(points, st.lists(weights, min_size=60, max_size=60), st.tuples(lats, lons), st.data())
def test_closeness_is_the_largest_over_every_place(spots, ws, query, data):
    tree = Closeness(((f"p{i}", lat, lon) for i, (lat, lon) in enumerate(spots)), SCALE)
    for i, w in enumerate(ws[:len(spots)]):
        tree.set(f"p{i}", w)
    # a reading's own group sees some of its places with less weight, or none
    lowered = {f"p{i}": data.draw(st.sampled_from([0.0, ws[i] / 2])) for i in range(0, len(spots), 3)}
    every = [(lat, lon, lowered.get(f"p{i}", ws[i])) for i, (lat, lon) in enumerate(spots)]
    assert tree.best(*query, lowered) == closeness_to(*query, every, SCALE)


@settings(max_examples=40, deadline=None)
@given(points, st.lists(st.tuples(st.integers(0, 59), weights), max_size=40), st.tuples(lats, lons))
def test_closeness_follows_the_weights_as_they_change(spots, changes, query):
    tree = Closeness(((f"p{i}", lat, lon) for i, (lat, lon) in enumerate(spots)), SCALE)
    now = [0.0] * len(spots)
    for i, w in changes:
        if i < len(spots):
            tree.set(f"p{i}", w)
            now[i] = w
        assert tree.best(*query) == closeness_to(*query, [(a, b, w) for (a, b), w in zip(spots, now)], SCALE)


@settings(max_examples=150, deadline=None)
@given(points, st.tuples(lats, lons), st.sampled_from([25.0, 150.0, 400.0, 1000.0, 5000.0]))
def test_within_agrees_with_the_distance_to_every_place(spots, query, km):
    places = [Place(f"p{i}", "P", "city", None, lat, lon) for i, (lat, lon) in enumerate(spots)]
    here = Place("q", "Q", "city", None, *query)
    exclude = {p.id for p in places[::4]}
    near = Within(places, km, distance_km)
    assert near.any_near(here) == any(distance_km(here, p) <= km for p in places)
    assert near.any_near(here, exclude=exclude) == any(
        distance_km(here, p) <= km for p in places if p.id not in exclude)


def test_places_across_the_antimeridian_and_at_a_pole_are_near():
    fiji, samoa = Place("a", "A", "city", None, -17.0, 179.9), Place("b", "B", "city", None, -17.0, -179.9)
    pole = Place("c", "C", "city", None, 89.99, 10.0)
    near = Within([samoa, pole], 100.0, distance_km)
    assert near.any_near(fiji)
    assert near.any_near(Place("d", "D", "city", None, 89.99, -170.0))
    tree = Closeness([("b", samoa.lat, samoa.lon)], SCALE)
    tree.set("b", 1.0)
    assert tree.best(fiji.lat, fiji.lon) > 0.9
