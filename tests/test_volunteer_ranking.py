"""Ranking of volunteers by distance (coop_solidarity_delivery/tools/volunteer_ranking.py)."""

import importlib.util

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "volunteer_ranking", ROOT / "coop_solidarity_delivery" / "tools" / "volunteer_ranking.py"
)
ranking = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ranking)

EVERY_DAY = frozenset(range(7))
# Lyon, place Bellecour, and points around it.
BELLECOUR = (45.7578, 4.8320)
PART_DIEU = (45.7606, 4.8597)  # about 2.2 km east
VILLEURBANNE = (45.7719, 4.8902)  # about 4.8 km north-east
VENISSIEUX = (45.6975, 4.8867)  # about 8 km south-east


def volunteer(vid, point, radius=5.0, weekdays=EVERY_DAY, weekly_max=0, weekly_count=0):
    return ranking.Candidate(vid, point[0], point[1], radius, weekdays, weekly_max, weekly_count)


def ids(ranked):
    return [candidate.id for candidate, _distance in ranked]


def test_distance_between_two_lyon_squares():
    assert ranking.distance_km(*BELLECOUR, *PART_DIEU) == pytest.approx(2.17, abs=0.05)


def test_distance_paris_lyon_matches_the_known_value():
    assert ranking.distance_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(392, abs=2)


def test_distance_to_self_is_zero():
    assert ranking.distance_km(*BELLECOUR, *BELLECOUR) == 0


def test_nearest_volunteer_comes_first():
    ranked = ranking.rank_volunteers(
        *BELLECOUR,
        [volunteer(1, VILLEURBANNE, radius=10), volunteer(2, PART_DIEU, radius=10)],
        weekday=0,
    )
    assert ids(ranked) == [2, 1]
    assert ranked[0][1] < ranked[1][1]


def test_volunteer_outside_their_own_radius_is_left_out():
    ranked = ranking.rank_volunteers(
        *BELLECOUR, [volunteer(1, VENISSIEUX, radius=5), volunteer(2, PART_DIEU, radius=3)], 0
    )
    assert ids(ranked) == [2]


def test_radius_is_the_volunteers_not_the_requests():
    far_but_willing = volunteer(1, VENISSIEUX, radius=10)
    assert ids(ranking.rank_volunteers(*BELLECOUR, [far_but_willing], 0)) == [1]


def test_zero_radius_never_matches():
    assert ranking.rank_volunteers(*BELLECOUR, [volunteer(1, BELLECOUR, radius=0)], 0) == []


def test_volunteer_unavailable_that_weekday_is_left_out():
    weekend_only = volunteer(1, PART_DIEU, weekdays=frozenset({5, 6}))
    assert ranking.rank_volunteers(*BELLECOUR, [weekend_only], weekday=2) == []
    assert ids(ranking.rank_volunteers(*BELLECOUR, [weekend_only], weekday=6)) == [1]


def test_volunteer_at_weekly_maximum_is_left_out():
    busy = volunteer(1, PART_DIEU, weekly_max=2, weekly_count=2)
    free = volunteer(2, VILLEURBANNE, weekly_max=2, weekly_count=1)
    assert ids(ranking.rank_volunteers(*BELLECOUR, [busy, free], 0)) == [2]


def test_weekly_maximum_zero_means_no_limit():
    tireless = volunteer(1, PART_DIEU, weekly_max=0, weekly_count=40)
    assert ids(ranking.rank_volunteers(*BELLECOUR, [tireless], 0)) == [1]


def test_ties_are_broken_by_id():
    ranked = ranking.rank_volunteers(
        *BELLECOUR, [volunteer(7, PART_DIEU), volunteer(3, PART_DIEU)], 0
    )
    assert ids(ranked) == [3, 7]


def test_limit_keeps_the_nearest():
    candidates = [volunteer(1, VILLEURBANNE), volunteer(2, PART_DIEU), volunteer(3, BELLECOUR)]
    assert ids(ranking.rank_volunteers(*BELLECOUR, candidates, 0, limit=2)) == [3, 2]


def test_limit_zero_ranks_nobody():
    assert ranking.rank_volunteers(*BELLECOUR, [volunteer(1, PART_DIEU)], 0, limit=0) == []


def test_bounding_box_contains_every_point_of_the_circle():
    min_lat, max_lat, min_lon, max_lon = ranking.bounding_box(*BELLECOUR, 5)
    for point in (PART_DIEU, VILLEURBANNE):
        assert min_lat <= point[0] <= max_lat and min_lon <= point[1] <= max_lon
    assert not min_lat <= VENISSIEUX[0] <= max_lat or not min_lon <= VENISSIEUX[1] <= max_lon


def test_bounding_box_is_wider_in_longitude_away_from_the_equator():
    min_lat, max_lat, min_lon, max_lon = ranking.bounding_box(60.0, 10.0, 10)
    assert (max_lon - min_lon) == pytest.approx(2 * (max_lat - min_lat), rel=0.01)


@pytest.mark.parametrize(
    ("distance", "label"), [(0.3, "< 1"), (1.2, "1"), (1.3, "1.5"), (4.74, "4.5"), (12.6, "13")]
)
def test_approximate_distance_hides_the_exact_address(distance, label):
    assert ranking.approximate_distance_label(distance) == label
