"""The places stage: a compact GeoNames gazetteer, place recognition and context-aware resolution.

Interface used by the pipeline and the actor coder::

    gazetteer = load_gazetteer(settings)            # cached per process
    places = find_places(parsed, gazetteer)         # every mention, demonyms included
    event_location(parsed, places, ev_start, ev_end, trig_start, trig_end)
    country_of("Iran's") == "IRN"; country_name("IRN") == "Iran"
"""

from __future__ import annotations

from eventwire.places.countries import country_name, country_of
from eventwire.places.gazetteer import Gazetteer, distance_km, load_gazetteer
from eventwire.places.location import context_location, event_location
from eventwire.places.resolve import find_places

__all__ = ["Gazetteer", "load_gazetteer", "find_places", "event_location", "context_location", "country_of", "country_name", "distance_km"]
