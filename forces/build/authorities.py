"""Which police force polices each local authority, written by us from the law.

Police Act 1996, Schedule 1 (as amended) defines the police areas of England by county (two-tier
districts take the force of their county) and names London: the City of London is the City of
London Police's area, every London borough the Metropolitan Police District. The Police Areas
(Wales) order puts each Welsh principal council in one of four areas. The Police and Fire Reform
(Scotland) Act 2012 makes all of Scotland one area (Police Scotland); the Police (Northern Ireland)
Act 2000 makes Northern Ireland the PSNI's. Codes are the ONS GSS codes used by Code-Point Open.
"""

# Unitary authorities (E06): each named in Schedule 1 through its former county.
UNITARY = {
    "E06000001": "cleveland",  # Hartlepool
    "E06000002": "cleveland",  # Middlesbrough
    "E06000003": "cleveland",  # Redcar and Cleveland
    "E06000004": "cleveland",  # Stockton-on-Tees
    "E06000005": "durham",  # Darlington
    "E06000006": "cheshire",  # Halton
    "E06000007": "cheshire",  # Warrington
    "E06000008": "lancashire",  # Blackburn with Darwen
    "E06000009": "lancashire",  # Blackpool
    "E06000010": "humberside",  # Kingston upon Hull
    "E06000011": "humberside",  # East Riding of Yorkshire
    "E06000012": "humberside",  # North East Lincolnshire
    "E06000013": "humberside",  # North Lincolnshire
    "E06000014": "north-yorkshire",  # York
    "E06000015": "derbyshire",  # Derby
    "E06000016": "leicestershire",  # Leicester
    "E06000017": "leicestershire",  # Rutland
    "E06000018": "nottinghamshire",  # Nottingham
    "E06000019": "west-mercia",  # Herefordshire
    "E06000020": "west-mercia",  # Telford and Wrekin
    "E06000021": "staffordshire",  # Stoke-on-Trent
    "E06000022": "avon-and-somerset",  # Bath and North East Somerset
    "E06000023": "avon-and-somerset",  # Bristol
    "E06000024": "avon-and-somerset",  # North Somerset
    "E06000025": "avon-and-somerset",  # South Gloucestershire
    "E06000026": "devon-and-cornwall",  # Plymouth
    "E06000027": "devon-and-cornwall",  # Torbay
    "E06000030": "wiltshire",  # Swindon
    "E06000031": "cambridgeshire",  # Peterborough
    "E06000032": "bedfordshire",  # Luton
    "E06000033": "essex",  # Southend-on-Sea
    "E06000034": "essex",  # Thurrock
    "E06000035": "kent",  # Medway
    "E06000036": "thames-valley",  # Bracknell Forest
    "E06000037": "thames-valley",  # West Berkshire
    "E06000038": "thames-valley",  # Reading
    "E06000039": "thames-valley",  # Slough
    "E06000040": "thames-valley",  # Windsor and Maidenhead
    "E06000041": "thames-valley",  # Wokingham
    "E06000042": "thames-valley",  # Milton Keynes
    "E06000043": "sussex",  # Brighton and Hove
    "E06000044": "hampshire",  # Portsmouth
    "E06000045": "hampshire",  # Southampton
    "E06000046": "hampshire",  # Isle of Wight
    "E06000047": "durham",  # County Durham
    "E06000049": "cheshire",  # Cheshire East
    "E06000050": "cheshire",  # Cheshire West and Chester
    "E06000051": "west-mercia",  # Shropshire
    "E06000052": "devon-and-cornwall",  # Cornwall
    "E06000053": "devon-and-cornwall",  # Isles of Scilly
    "E06000054": "wiltshire",  # Wiltshire
    "E06000055": "bedfordshire",  # Bedford
    "E06000056": "bedfordshire",  # Central Bedfordshire
    "E06000057": "northumbria",  # Northumberland
    "E06000058": "dorset",  # Bournemouth, Christchurch and Poole
    "E06000059": "dorset",  # Dorset
    "E06000060": "thames-valley",  # Buckinghamshire
    "E06000061": "northamptonshire",  # North Northamptonshire
    "E06000062": "northamptonshire",  # West Northamptonshire
    "E06000063": "cumbria",  # Cumberland
    "E06000064": "cumbria",  # Westmorland and Furness
    "E06000065": "north-yorkshire",  # North Yorkshire
    "E06000066": "avon-and-somerset",  # Somerset
}

# Metropolitan districts (E08) by metropolitan county.
METROPOLITAN = {
    **dict.fromkeys([f"E080000{n:02d}" for n in range(1, 11)], "greater-manchester"),
    **dict.fromkeys([f"E080000{n:02d}" for n in range(11, 16)], "merseyside"),
    **dict.fromkeys([f"E080000{n:02d}" for n in range(16, 20)], "south-yorkshire"),
    **dict.fromkeys(
        ["E08000021", "E08000022", "E08000023", "E08000024", "E08000037"], "northumbria"
    ),
    **dict.fromkeys([f"E080000{n:02d}" for n in range(25, 32)], "west-midlands"),
    **dict.fromkeys([f"E080000{n:02d}" for n in range(32, 37)], "west-yorkshire"),
}

# Shire counties (E10): every non-metropolitan district (E07) takes its county's force.
COUNTY = {
    "E10000003": "cambridgeshire",
    "E10000007": "derbyshire",
    "E10000008": "devon-and-cornwall",
    "E10000011": "sussex",  # East Sussex
    "E10000012": "essex",
    "E10000013": "gloucestershire",
    "E10000014": "hampshire",
    "E10000015": "hertfordshire",
    "E10000016": "kent",
    "E10000017": "lancashire",
    "E10000018": "leicestershire",
    "E10000019": "lincolnshire",
    "E10000020": "norfolk",
    "E10000024": "nottinghamshire",
    "E10000025": "thames-valley",  # Oxfordshire
    "E10000028": "staffordshire",
    "E10000029": "suffolk",
    "E10000030": "surrey",
    "E10000031": "warwickshire",
    "E10000032": "sussex",  # West Sussex
    "E10000034": "west-mercia",  # Worcestershire
}

# Welsh principal councils (W06) by police area.
WALES = {
    **dict.fromkeys([f"W060000{n:02d}" for n in (1, 2, 3, 4, 5, 6)], "north-wales"),
    **dict.fromkeys([f"W060000{n:02d}" for n in (8, 9, 10, 23)], "dyfed-powys"),
    **dict.fromkeys([f"W060000{n:02d}" for n in (11, 12, 13, 14, 15, 16, 24)], "south-wales"),
    **dict.fromkeys([f"W060000{n:02d}" for n in (18, 19, 20, 21, 22)], "gwent"),
}

CITY_OF_LONDON = "E09000001"


class UnmappedAuthority(LookupError):
    pass


def force_for_authority(district_code, county_code=""):
    """The force that polices local authority `district_code` (and its county, if two-tier)."""
    prefix = district_code[:3]
    if prefix == "E09":
        return "city-of-london" if district_code == CITY_OF_LONDON else "metropolitan"
    if prefix == "S12":
        return "police-scotland"
    if prefix in ("N09", "N92"):
        return "psni"
    if prefix == "E07":
        if county_code in COUNTY:
            return COUNTY[county_code]
        raise UnmappedAuthority(f"{district_code} (county {county_code or 'missing'})")
    for table in (UNITARY, METROPOLITAN, WALES):
        if district_code in table:
            return table[district_code]
    raise UnmappedAuthority(district_code)
