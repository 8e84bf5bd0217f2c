"""Relative links between the site's pages (every page lives at a directory URL)."""

from __future__ import annotations

import pytest

from kejiao.urls import relative


@pytest.mark.parametrize(
    ("from_url", "to_url", "expected"),
    [
        ("", "", "./"),
        ("", "./", "./"),
        ("", "courses/", "courses/"),
        ("courses/", "", "../"),
        ("courses/", "courses/", "./"),
        ("courses/a/", "courses/", "../"),
        ("courses/a/", "courses/b/", "../b/"),
        ("courses/page/2/", "courses/b/", "../../b/"),
        ("courses/a/", "bases/b/", "../../bases/b/"),
        ("courses/a/", "data/courses.csv", "../../data/courses.csv"),
        ("guide/fields/", "guide/", "../"),
        ("courses/a/", "courses/a/", "./"),
        ("/courses//a/", "courses/b", "../b"),
        ("stats/", "stats/x.csv", "x.csv"),
    ],
)
def test_relative_links(from_url: str, to_url: str, expected: str) -> None:
    assert relative(from_url, to_url) == expected
