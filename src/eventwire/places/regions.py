"""Hand-kept additions to the GeoNames-derived gazetteer: regions news names often,
transliteration variants of admin units, ethnic/regional demonyms, and AP-style
abbreviations of US states. Coordinates are approximate centres (the regions'
GeoNames points where there is one, rounded)."""

from __future__ import annotations

# name, alternate names, ISO3 or None (spans borders), lat, lon
REGIONS: tuple[tuple[str, tuple[str, ...], str | None, float, float], ...] = (
    ("Middle East", ("the Middle East", "Mideast", "Near East"), None, 29.3, 42.6),
    ("Gaza Strip", ("the Gaza Strip", "Gaza strip"), "PSE", 31.42, 34.36),
    ("West Bank", ("the West Bank",), "PSE", 31.95, 35.25),
    ("Donbas", ("Donbass", "the Donbas", "Donbas region", "Donets Basin"), "UKR", 48.0, 38.5),
    ("Crimea", ("Crimean Peninsula", "the Crimea"), "UKR", 45.0, 34.1),
    ("Kashmir", ("Jammu and Kashmir", "Kashmir Valley"), "IND", 34.08, 74.8),
    ("Kurdistan Region", ("Iraqi Kurdistan", "Kurdistan region", "Kurdistan"), "IRQ", 36.4, 44.4),
    ("Sahel", ("the Sahel",), None, 15.0, 5.0),
    ("Horn of Africa", ("the Horn of Africa",), None, 8.0, 45.0),
    ("Balkans", ("the Balkans", "Balkan Peninsula"), None, 42.0, 21.0),
    ("Caucasus", ("the Caucasus", "North Caucasus"), None, 42.5, 44.0),
    ("Central Asia", (), None, 45.0, 65.0),
    ("Southeast Asia", ("South-East Asia", "South East Asia"), None, 10.0, 110.0),
    ("South Asia", (), None, 22.0, 78.0),
    ("East Asia", (), None, 35.0, 115.0),
    ("Latin America", (), None, -10.0, -60.0),
    ("Central America", (), None, 14.5, -87.0),
    ("Caribbean", ("the Caribbean",), None, 18.0, -72.0),
    ("Scandinavia", (), None, 62.0, 15.0),
    ("Persian Gulf", ("the Gulf", "Arabian Gulf", "the Persian Gulf"), None, 26.0, 52.0),
    ("Red Sea", ("the Red Sea",), None, 20.0, 38.5),
    ("Mediterranean", ("the Mediterranean", "Mediterranean Sea"), None, 35.0, 18.0),
    ("Black Sea", ("the Black Sea",), None, 43.0, 34.0),
    ("South China Sea", ("the South China Sea",), None, 12.0, 114.0),
    ("Arabian Sea", ("the Arabian Sea",), None, 15.0, 65.0),
    ("Sinai", ("Sinai Peninsula", "the Sinai", "North Sinai"), "EGY", 29.5, 33.8),
    ("Golan Heights", ("the Golan Heights", "the Golan", "Golan"), "SYR", 33.0, 35.75),
    ("Darfur", (), "SDN", 13.5, 24.0),
    ("Tigray", ("Tigray region",), "ETH", 14.0, 38.5),
    ("Kurdish region of Syria", ("Rojava",), "SYR", 36.5, 40.5),
    ("Siberia", (), "RUS", 60.0, 100.0),
    ("Patagonia", (), "ARG", -44.0, -69.0),
    ("New England", (), "USA", 43.5, -71.5),
    ("Midwest", ("the Midwest",), "USA", 41.5, -90.0),
    ("Gulf Coast", ("the Gulf Coast",), "USA", 30.0, -90.0),
    ("Deep South", ("the Deep South",), "USA", 32.5, -87.0),
    ("Pacific Northwest", ("the Pacific Northwest",), "USA", 46.0, -121.0),
    ("Silicon Valley", (), "USA", 37.4, -122.05),
    ("Wall Street", (), "USA", 40.706, -74.009),
    ("Capitol Hill", (), "USA", 38.89, -77.009),
    ("Western Sahara", (), "ESH", 24.5, -13.0),
    ("Tibet", (), "CHN", 31.0, 88.0),
    ("Xinjiang", (), "CHN", 41.0, 85.0),
    ("Lake Chad", ("Lake Chad Basin",), None, 13.0, 14.0),
    ("Federally Administered Tribal Areas", ("FATA", "tribal areas"), "PAK", 32.5, 70.0),
    ("Waziristan", ("North Waziristan", "South Waziristan"), "PAK", 32.6, 69.8),
)

# Continents: name, alternate names, lat, lon (GeoNames continent points).
CONTINENTS: tuple[tuple[str, tuple[str, ...], float, float], ...] = (
    ("Africa", (), 7.19, 21.09),
    ("Asia", (), 29.84, 89.3),
    ("Europe", (), 48.69, 9.14),
    ("North America", (), 46.07, -100.55),
    ("South America", (), -14.6, -57.66),
    ("Oceania", ("Australasia",), -18.31, 138.52),
    ("Antarctica", (), -78.16, 16.41),
)

# Transliteration and spelling variants of admin units: variant -> (ISO3, canonical GeoNames-style admin1 name).
ADMIN_VARIANTS: dict[str, tuple[str, str]] = {
    "Sistan va Baluchestan": ("IRN", "Sistan and Baluchestan"),
    "Sistan-Baluchestan": ("IRN", "Sistan and Baluchestan"),
    "Sistan Baluchestan": ("IRN", "Sistan and Baluchestan"),
    "Sistan and Baluchistan": ("IRN", "Sistan and Baluchestan"),
    "Sistan-Baluchistan": ("IRN", "Sistan and Baluchestan"),
    "Sistan and Balochistan": ("IRN", "Sistan and Baluchestan"),
    "Baluchistan": ("PAK", "Balochistan"),
    "Baluchestan": ("IRN", "Sistan and Baluchestan"),
    "Khyber Pakhtunkhwa": ("PAK", "Khyber Pakhtunkhwa"),
    "Khyber-Pakhtunkhwa": ("PAK", "Khyber Pakhtunkhwa"),
    "Nineveh": ("IRQ", "Ninawa"),
    "Erbil Governorate": ("IRQ", "Arbil"),
    
    "Anbar": ("IRQ", "Anbar"),
    "Al Anbar": ("IRQ", "Anbar"),
    "Salahuddin": ("IRQ", "Salah ad Din"),
    "Salah al-Din": ("IRQ", "Salah ad Din"),
    "Kyiv Oblast": ("UKR", "Kiev"),
    "Kyiv region": ("UKR", "Kiev"),
    "Donetsk Oblast": ("UKR", "Donetsk"),
    "Luhansk Oblast": ("UKR", "Luhansk"),
    "Lugansk": ("UKR", "Luhansk"),
    "Kharkiv Oblast": ("UKR", "Kharkiv"),
    "Zaporizhzhia": ("UKR", "Zaporizhia"),
    "Zaporizhzhia Oblast": ("UKR", "Zaporizhia"),
    "Kherson Oblast": ("UKR", "Kherson"),
    "Idlib province": ("SYR", "Idlib"),
    "Idleb": ("SYR", "Idlib"),
    "Helmand": ("AFG", "Helmand"),
    "Kandahar province": ("AFG", "Kandahar"),
    "Punjab province": ("PAK", "Punjab"),
}

# Ethnic and regional demonyms: word -> region/admin name in this gazetteer (resolved like a place).
REGIONAL_DEMONYMS: dict[str, str] = {
    "Baluch": "Balochistan", "Baloch": "Balochistan", "Balochi": "Balochistan", "Baluchi": "Balochistan",
    "Kurdish": "Kurdistan Region", "Kurd": "Kurdistan Region", "Kurds": "Kurdistan Region",
    "European": "Europe", "Europeans": "Europe", "African": "Africa", "Africans": "Africa",
    "Asian": "Asia", "Asians": "Asia", "Latin American": "Latin America",
    "Middle Eastern": "Middle East", "Scottish": "Scotland", "Scot": "Scotland", "Scots": "Scotland",
    "Welsh": "Wales", "English": "England", "Gazan": "Gaza Strip", "Gazans": "Gaza Strip",
    "Kashmiri": "Kashmir", "Kashmiris": "Kashmir", "Tibetan": "Tibet", "Tibetans": "Tibet",
    "Texan": "Texas", "Texans": "Texas", "Californian": "California", "Californians": "California",
    "Floridian": "Florida", "New Yorker": "New York", "New Yorkers": "New York",
    "Crimean": "Crimea", "Siberian": "Siberia", "Caribbean": "Caribbean", "Balkan": "Balkans",
}

# AP-style abbreviations of US states (and postal codes), read only after "Town, ".
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY", "La.": "LA",
    "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT",
    "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY",
    "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Oreg.": "OR", "Pa.": "PA", "Penn.": "PA",
    "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA",
    "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY",
}
