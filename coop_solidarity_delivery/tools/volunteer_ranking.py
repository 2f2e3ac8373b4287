"""Rank volunteers for a delivery by distance, without the ORM.

Distances are great-circle distances on a spherical Earth: at a city's scale the error against
a geodesic is far below the precision of a volunteer's own radius.

This is the reference of the ranking: ``res.partner._coop_rank_volunteers`` runs the same
formula and rules inside one SQL query, so that Python only sees the volunteers who qualify.
"""

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_KM / 180.0


@dataclass(frozen=True)
class Candidate:
    """A volunteer as the ranking sees them."""

    id: int
    latitude: float
    longitude: float
    radius_km: float
    weekdays: frozenset  # 0 = Monday ... 6 = Sunday
    weekly_max: int  # 0 = no limit
    weekly_count: int = 0


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle (haversine) distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(latitude, longitude, radius_km):
    """(min_lat, max_lat, min_lon, max_lon) enclosing the circle of ``radius_km`` around a point.

    Used as an indexable pre-filter before the exact distance is computed.
    """
    d_lat = radius_km / KM_PER_DEGREE_LAT
    cos_lat = math.cos(math.radians(latitude))
    d_lon = 180.0 if cos_lat < 1e-9 else min(180.0, d_lat / cos_lat)
    return latitude - d_lat, latitude + d_lat, longitude - d_lon, longitude + d_lon


def is_available(candidate, weekday):
    """The volunteer delivers on that weekday and has not reached their weekly maximum."""
    if weekday not in candidate.weekdays:
        return False
    return not candidate.weekly_max or candidate.weekly_count < candidate.weekly_max


def rank_volunteers(latitude, longitude, candidates, weekday, limit=None):
    """Candidates who can take a delivery at (latitude, longitude) on ``weekday``, nearest first.

    A volunteer qualifies when the point lies within their own radius, they are available
    that weekday and under their weekly maximum. Returns a list of (candidate, distance_km),
    the ``limit`` nearest if given; ties are broken by id so that the order is stable.
    """
    ranked = []
    for candidate in candidates:
        if candidate.radius_km <= 0 or not is_available(candidate, weekday):
            continue
        distance = distance_km(latitude, longitude, candidate.latitude, candidate.longitude)
        if distance <= candidate.radius_km:
            ranked.append((candidate, distance))
    ranked.sort(key=lambda pair: (pair[1], pair[0].id))
    return ranked if limit is None else ranked[:limit]


def approximate_distance(distance):
    """A distance rounded for people who must not learn the exact address: to the half
    kilometre under 5 km, to the kilometre above; None under 1 km."""
    if distance < 1:
        return None
    if distance < 5:
        return round(distance * 2) / 2
    return float(round(distance))


def approximate_distance_label(distance):
    """The rounded distance as text (e.g. "about 2 km" reads "2"; "< 1" under 1 km)."""
    rounded = approximate_distance(distance)
    return "< 1" if rounded is None else f"{rounded:g}"
