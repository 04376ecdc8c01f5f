"""Small officials data the tests write into a folder (never upstream files).

Same formats as the real sources; district shapes are plain rectangles.

- NY: two districts (10, 12); ZIP 10013 is split between them, 10001 is in 12.
- VT: an at-large state; ZIP 03601 spans VT and NH.
- NH: two districts; NH-1 is vacant; the NH-2 member has no phone or website.
- DC: the delegate's seat, no senators.
"""

import json
from pathlib import Path

LEGISLATORS = """\
- id: {bioguide: S000148}
  name: {first: Charles, last: Schumer, official_full: Charles E. Schumer}
  bio: {gender: M}
  terms:
  - {type: sen, start: '2023-01-03', end: '2029-01-03', state: NY, class: 3, party: Democrat, phone: 202-224-6542, url: 'https://www.schumer.senate.gov', contact_form: 'https://www.schumer.senate.gov/contact/email-chuck', address: 322 Hart Senate Office Building Washington DC 20510}
- id: {bioguide: G000555}
  name: {first: Kirsten, last: Gillibrand, official_full: Kirsten E. Gillibrand}
  bio: {gender: F}
  terms:
  - {type: sen, start: '2025-01-03', end: '2031-01-03', state: NY, class: 1, party: Democrat, phone: 202-224-4451, url: 'https://www.gillibrand.senate.gov'}
- id: {bioguide: G000599}
  name: {first: Daniel, last: Goldman, official_full: Daniel S. Goldman}
  terms:
  - {type: rep, start: '2025-01-03', end: '2027-01-03', state: NY, district: 10, party: Democrat, phone: 202-225-7944, url: 'https://goldman.house.gov'}
- id: {bioguide: N000002}
  name: {first: Jerrold, last: Nadler, official_full: Jerrold Nadler}
  terms:
  - {type: rep, start: '2025-01-03', end: '2027-01-03', state: NY, district: 12, party: Democrat, phone: 202-225-5635, url: 'https://nadler.house.gov'}
- id: {bioguide: S000033}
  name: {first: Bernard, last: Sanders, official_full: Bernard Sanders}
  terms:
  - {type: sen, start: '2025-01-03', end: '2031-01-03', state: VT, class: 1, party: Independent, phone: 202-224-5141, url: 'https://www.sanders.senate.gov'}
- id: {bioguide: W000800}
  name: {first: Peter, last: Welch, official_full: Peter Welch}
  terms:
  - {type: sen, start: '2023-01-03', end: '2029-01-03', state: VT, class: 3, party: Democrat, phone: 202-224-4242, url: 'https://www.welch.senate.gov'}
- id: {bioguide: B001318}
  name: {first: Becca, last: Balint, official_full: Becca Balint}
  terms:
  - {type: rep, start: '2025-01-03', end: '2027-01-03', state: VT, district: 0, party: Democrat, phone: 202-225-4115, url: 'https://balint.house.gov'}
- id: {bioguide: S001181}
  name: {first: Jeanne, last: Shaheen, official_full: Jeanne Shaheen}
  terms:
  - {type: sen, start: '2021-01-03', end: '2027-01-03', state: NH, class: 2, party: Democrat, phone: 202-224-2841, url: 'https://www.shaheen.senate.gov'}
- id: {bioguide: H001076}
  name: {first: Margaret, last: Hassan, official_full: Margaret Wood Hassan}
  terms:
  - {type: sen, start: '2023-01-03', end: '2029-01-03', state: NH, class: 3, party: Democrat, phone: 202-224-3324, url: 'https://www.hassan.senate.gov'}
- id: {bioguide: G000620}
  name: {first: Maggie, last: Goodlander}
  terms:
  - {type: rep, start: '2025-01-03', end: '2027-01-03', state: NH, district: 2, party: Democrat}
- id: {bioguide: N000147}
  name: {first: Eleanor, last: Norton, official_full: Eleanor Holmes Norton}
  terms:
  - {type: rep, start: '2025-01-03', end: '2027-01-03', state: DC, district: 0, party: Democrat, phone: 202-225-8050, url: 'https://norton.house.gov'}
"""

DISTRICT_OFFICES = """\
- id: {bioguide: N000002}
  offices:
  - {id: N000002-new_york, address: 201 Varick St., suite: Suite 669, city: New York, state: NY, zip: '10014', latitude: 40.7282, longitude: -74.0054, phone: 212-367-7350}
- id: {bioguide: G000599}
  offices:
  - {id: G000599-brooklyn, address: 300 Cadman Plaza W., city: Brooklyn, state: NY, zip: '11201', latitude: 40.70, longitude: -73.99, phone: 718-312-7575}
  - {id: G000599-new_york, address: 1 Centre St., city: New York, state: NY, zip: '10007', latitude: 40.735, longitude: -74.00, phone: 212-822-7878}
- id: {bioguide: B001318}
  offices:
  - {id: B001318-burlington, address: 149 Church St., city: Burlington, state: VT, zip: '05401', latitude: 441.5, longitude: -73.21, phone: 802-652-2450}
"""

SOCIAL = """\
- id: {bioguide: S000033}
  social: {twitter: SenSanders, facebook: senatorsanders}
- id: {bioguide: N000002}
  social: {twitter: RepJerryNadler}
"""

ZIP_TABLE = """\
state_fips,state_abbr,zcta,cd
36,NY,10001,12
36,NY,10013,10
36,NY,10013,12
50,VT,05401,0
33,NH,03101,1
33,NH,03301,2
33,NH,03601,2
50,VT,03601,0
11,DC,20001,0
"""


def _box(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


# (STATEFP, CD119FP, rectangle): 00 = at large, 98 = delegate.
DISTRICTS = [
    ("36", "10", _box(-74.05, 40.68, -73.95, 40.74)),
    ("36", "12", _box(-74.05, 40.74, -73.93, 40.80)),
    ("50", "00", _box(-73.40, 42.70, -71.50, 45.00)),
    ("33", "01", _box(-71.50, 42.70, -70.60, 43.50)),
    ("33", "02", _box(-72.55, 42.70, -71.50, 45.30)),
    ("11", "98", _box(-77.12, 38.79, -76.91, 38.99)),
]

# Points inside each rectangle, for location lookups.
POINT_NY_10 = (40.70, -74.00)
POINT_NY_12 = (40.77, -74.00)
POINT_VT = (44.47, -73.21)
POINT_DC = (38.8899, -77.0091)


def boundaries_geojson(districts=DISTRICTS) -> str:
    features = [
        {
            "type": "Feature",
            "properties": {"STATEFP": fips, "CD119FP": cd, "GEOID": fips + cd},
            "geometry": geometry,
        }
        for fips, cd, geometry in districts
    ]
    return json.dumps({"type": "FeatureCollection", "features": features})


def write_source(folder: Path, replace: dict[str, str] | None = None) -> Path:
    """Write the fixture files into ``folder``; ``replace`` maps a file name to other text."""
    files = {
        "legislators-current.yaml": LEGISLATORS,
        "legislators-district-offices.yaml": DISTRICT_OFFICES,
        "legislators-social-media.yaml": SOCIAL,
        "zccd.csv": ZIP_TABLE,
        "cd119_20m.geojson": boundaries_geojson(),
        **(replace or {}),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder
