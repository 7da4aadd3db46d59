"""The member map: Germany's outline and the coordinates of German places, built once from packages by
``scripts/build_germany_map.py`` into ``public/data/`` and read here when the portal starts (nothing is
fetched at run time)."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
OUTLINE = json.loads((DATA / "germany.json").read_text(encoding="utf-8"))
PLACES: dict[str, list[float]] = json.loads((DATA / "places_de.json").read_text(encoding="utf-8"))

# What German organisation names put before the place's own name.
PREFIXES = re.compile(
    r"^(Freie und Hansestadt|Freie Hansestadt|Hansestadt|Landeshauptstadt|Universitätsstadt|Wissenschaftsstadt|"
    r"Große Kreisstadt|Kreisfreie Stadt|Kreisstadt|Stadt|Gemeinde|Markt|Landkreis|Kreis|Bezirksamt|Bezirk|"
    r"Landespräventionsrat|Präventionsrat|Polizeipräsidium)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Point:
    x: float
    y: float


def project(latitude: float, longitude: float) -> Point:
    """Equirectangular, the projection the outline was drawn with (SVG units, origin top left)."""
    p = OUTLINE["projection"]
    return Point(
        x=round(p["margin"] + (longitude - p["west"]) * p["kx"], 1),
        y=round(p["margin"] + (p["north"] - latitude) * p["ky"], 1),
    )


def place_of(*names: str) -> list[float] | None:
    """The coordinates of the first name that is a known place, tried as written and without the prefix
    (“Landeshauptstadt Stuttgart” → “Stuttgart”) or an addition after a comma or bracket."""
    for name in names:
        name = (name or "").strip()
        candidates = [name, PREFIXES.sub("", name)]
        candidates += [re.split(r"[,(/]", candidate)[0].strip() for candidate in candidates]
        for candidate in candidates:
            while PREFIXES.match(candidate):
                candidate = PREFIXES.sub("", candidate)
            if candidate in PLACES:
                return PLACES[candidate]
    return None


def point_for(*names: str) -> Point | None:
    coordinates = place_of(*names)
    return project(*coordinates) if coordinates else None
