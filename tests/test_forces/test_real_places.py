"""Real postcodes and towns, across every territorial force and the boundary districts.

Postcodes were sampled from Code-Point Open (April 2025) with the force of their local authority
(in the comment); the boundary ones include the postcodes whose force differs from their
district's majority (the exceptions table).
"""

import pytest

from forces.lookup import Match, locate

pytestmark = pytest.mark.django_db

POSTCODES = [
    ("BS22 8BX", "avon-and-somerset"),  # E06000024
    ("BA5 2BU", "avon-and-somerset"),  # E06000066
    ("MK40 3AE", "bedfordshire"),  # E06000055
    ("MK44 1QU", "bedfordshire"),  # E06000055
    ("CB2 8RJ", "cambridgeshire"),  # E07000008
    ("CB22 3LP", "cambridgeshire"),  # E07000012
    ("WA5 1PZ", "cheshire"),  # E06000007
    ("SK11 7ES", "cheshire"),  # E06000049
    ("EC2A 2EW", "city-of-london"),  # E09000001
    ("EC3M 6AL", "city-of-london"),  # E09000001
    ("TS24 7RD", "cleveland"),  # E06000001
    ("TS10 2LE", "cleveland"),  # E06000003
    ("LA18 4LL", "cumbria"),  # E06000063
    ("CA20 1DT", "cumbria"),  # E06000063
    ("DE11 7JW", "derbyshire"),  # E07000039
    ("DE21 6HT", "derbyshire"),  # E06000015
    ("PL19 8JA", "devon-and-cornwall"),  # E07000047
    ("PL16 0JG", "devon-and-cornwall"),  # E07000047
    ("BH12 4PS", "dorset"),  # E06000058
    ("BH21 5BE", "dorset"),  # E06000059
    ("DH6 2PT", "durham"),  # E06000047
    ("SR8 3LQ", "durham"),  # E06000047
    ("SA67 8QZ", "dyfed-powys"),  # W06000009
    ("LD5 4ST", "dyfed-powys"),  # W06000023
    ("SS12 9RJ", "essex"),  # E07000066
    ("CM19 5QZ", "essex"),  # E07000073
    ("GL20 5BA", "gloucestershire"),  # E07000083
    ("GL8 8JW", "gloucestershire"),  # E07000079
    ("BL8 2NQ", "greater-manchester"),  # E08000002
    ("OL7 9TH", "greater-manchester"),  # E08000008
    ("CF82 7PL", "gwent"),  # W06000018
    ("NP11 7ER", "gwent"),  # W06000018
    ("GU14 6DR", "hampshire"),  # E07000092
    ("SO16 5AP", "hampshire"),  # E06000045
    ("WD24 4DT", "hertfordshire"),  # E07000103
    ("AL4 9QA", "hertfordshire"),  # E07000240
    ("DN39 6UD", "humberside"),  # E06000013
    ("HU15 2FR", "humberside"),  # E06000011
    ("CT20 3QB", "kent"),  # E07000112
    ("ME7 4BH", "kent"),  # E06000035
    ("BB4 7UJ", "lancashire"),  # E07000125
    ("PR6 8EX", "lancashire"),  # E07000118
    ("LE18 3UD", "leicestershire"),  # E07000135
    ("LE6 0PD", "leicestershire"),  # E07000132
    ("PE6 0BE", "lincolnshire"),  # E07000140
    ("LN3 4BD", "lincolnshire"),  # E07000142
    ("CH61 4UB", "merseyside"),  # E08000015
    ("L16 7QE", "merseyside"),  # E08000012
    ("RM8 2XB", "metropolitan"),  # E09000002
    ("E17 5EH", "metropolitan"),  # E09000031
    ("NR30 3EJ", "norfolk"),  # E07000145
    ("NR9 3FA", "norfolk"),  # E07000149
    ("CH7 1AD", "north-wales"),  # W06000005
    ("LL52 0AR", "north-wales"),  # W06000002
    ("BD23 6RE", "north-yorkshire"),  # E06000065
    ("YO22 4EL", "north-yorkshire"),  # E06000065
    ("NN15 7NQ", "northamptonshire"),  # E06000061
    ("NN8 4FQ", "northamptonshire"),  # E06000061
    ("NE9 6QZ", "northumbria"),  # E08000037
    ("NE61 1JR", "northumbria"),  # E06000057
    ("NG9 4FE", "nottinghamshire"),  # E07000172
    ("NG18 3SD", "nottinghamshire"),  # E07000174
    ("KY10 3SL", "police-scotland"),  # S12000047
    ("PH2 0RU", "police-scotland"),  # S12000048
    ("SA8 4LH", "south-wales"),  # W06000012
    ("CF47 0HF", "south-wales"),  # W06000024
    ("S65 2UT", "south-yorkshire"),  # E08000018
    ("S60 5FP", "south-yorkshire"),  # E08000018
    ("ST13 9SW", "staffordshire"),  # E07000198
    ("WS15 1LU", "staffordshire"),  # E07000192
    ("IP12 1EX", "suffolk"),  # E07000244
    ("NR32 2RG", "suffolk"),  # E07000244
    ("KT12 4LF", "surrey"),  # E07000207
    ("GU2 7AW", "surrey"),  # E07000209
    ("RH16 9SJ", "sussex"),  # E07000228
    ("BN6 8LY", "sussex"),  # E07000228
    ("SL9 8PU", "thames-valley"),  # E06000060
    ("SL5 9PF", "thames-valley"),  # E06000040
    ("CV35 7QL", "warwickshire"),  # E07000222
    ("CV7 9AR", "warwickshire"),  # E07000219
    ("SY2 5DD", "west-mercia"),  # E06000051
    ("WR9 8DY", "west-mercia"),  # E07000238
    ("B18 4PY", "west-midlands"),  # E08000025
    ("B23 7YP", "west-midlands"),  # E08000025
    ("LS15 4HF", "west-yorkshire"),  # E08000035
    ("HX7 6NP", "west-yorkshire"),  # E08000033
    ("SN10 4HP", "wiltshire"),  # E06000054
    ("SN2 2UQ", "wiltshire"),  # E06000030
    ("B45 9HB", "west-mercia"),  # E07000234
    ("B79 0DJ", "warwickshire"),  # E07000218
    ("B78 3LX", "staffordshire"),  # E07000194
    ("B14 7DX", "west-midlands"),  # E08000025
    ("B97 4EN", "west-mercia"),  # E07000236
    ("CA8 7BN", "northumbria"),  # E06000057
    ("CA8 7LQ", "northumbria"),  # E06000057
    ("CA8 7NF", "northumbria"),  # E06000057
    ("CA8 2NB", "cumbria"),  # E06000063
    ("CA8 2PW", "cumbria"),  # E06000063
    ("CH4 8QQ", "north-wales"),  # W06000005
    ("CH4 0JY", "north-wales"),  # W06000005
    ("CH4 0TF", "north-wales"),  # W06000005
    ("CH62 6EN", "merseyside"),  # E08000015
    ("CH64 0TW", "cheshire"),  # E06000050
    ("CM23 1BT", "essex"),  # E07000077
    ("CM20 2QT", "hertfordshire"),  # E07000242
    ("CM20 2RB", "hertfordshire"),  # E07000242
    ("CM20 3QJ", "essex"),  # E07000073
    ("CM23 4JF", "hertfordshire"),  # E07000242
    ("DA5 2JQ", "kent"),  # E07000107
    ("DA1 3QR", "metropolitan"),  # E09000004
    ("DA1 3QJ", "metropolitan"),  # E09000004
    ("DA14 5JG", "metropolitan"),  # E09000004
    ("DA17 6ND", "metropolitan"),  # E09000004
    ("DG16 5HZ", "cumbria"),  # E06000063
    ("DG16 5JA", "cumbria"),  # E06000063
    ("DG16 5JB", "cumbria"),  # E06000063
    ("DG16 5FN", "police-scotland"),  # S12000006
    ("DG16 5AG", "police-scotland"),  # S12000006
    ("E4 7RN", "essex"),  # E07000072
    ("E4 7QR", "essex"),  # E07000072
    ("E1 7JF", "city-of-london"),  # E09000001
    ("E1 2PR", "metropolitan"),  # E09000030
    ("E4 8EB", "metropolitan"),  # E09000031
    ("EC1A 1UF", "metropolitan"),  # E09000019
    ("EC1A 4JE", "metropolitan"),  # E09000019
    ("EC4N 6EH", "metropolitan"),  # E09000019
    ("EC2R 7DN", "city-of-london"),  # E09000001
    ("EC1Y 8PW", "metropolitan"),  # E09000019
    ("GU12 4UU", "hampshire"),  # E07000092
    ("GU27 3QY", "sussex"),  # E07000225
    ("GU27 3QE", "sussex"),  # E07000225
    ("GU16 9YA", "surrey"),  # E07000214
    ("GU10 4QQ", "surrey"),  # E07000216
    ("HR3 5DX", "dyfed-powys"),  # W06000023
    ("HR3 5TP", "dyfed-powys"),  # W06000023
    ("HR3 5RU", "dyfed-powys"),  # W06000023
    ("HR9 5QQ", "west-mercia"),  # E06000019
    ("HR8 1LQ", "west-mercia"),  # E06000019
    ("NP25 5RT", "west-mercia"),  # E06000019
    ("NP16 7BW", "gloucestershire"),  # E07000080
    ("NP25 4LZ", "gloucestershire"),  # E07000080
    ("NP7 7RD", "gwent"),  # W06000021
    ("NP8 1EE", "dyfed-powys"),  # W06000023
    ("OL12 8HB", "lancashire"),  # E07000125
    ("OL12 8SB", "lancashire"),  # E07000125
    ("OL12 8LP", "lancashire"),  # E07000125
    ("OL14 7QA", "west-yorkshire"),  # E08000033
    ("OL14 8DA", "west-yorkshire"),  # E08000033
    ("RG20 5ND", "hampshire"),  # E07000084
    ("RG20 0PE", "hampshire"),  # E07000084
    ("RG19 8FZ", "hampshire"),  # E07000084
    ("RG20 8RD", "thames-valley"),  # E06000037
    ("RG20 7JF", "thames-valley"),  # E06000037
    ("RM14 3SR", "essex"),  # E06000034
    ("RM14 3BF", "essex"),  # E06000034
    ("RM4 1PP", "metropolitan"),  # E09000016
    ("RM4 1HA", "essex"),  # E07000068
    ("RM14 2TE", "metropolitan"),  # E09000016
    ("SG8 5AU", "hertfordshire"),  # E07000099
    ("SG8 5EA", "hertfordshire"),  # E07000099
    ("SG19 2HY", "cambridgeshire"),  # E07000011
    ("SG19 2QJ", "bedfordshire"),  # E06000056
    ("SG6 2RQ", "hertfordshire"),  # E07000099
    ("SK17 0PX", "staffordshire"),  # E07000198
    ("SK17 0LJ", "staffordshire"),  # E07000198
    ("SK17 0RQ", "staffordshire"),  # E07000198
    ("SK8 6SW", "greater-manchester"),  # E08000007
    ("SK22 4GF", "derbyshire"),  # E07000037
    ("SY15 6UG", "west-mercia"),  # E06000051
    ("SY5 9BH", "dyfed-powys"),  # W06000023
    ("SY14 7LD", "north-wales"),  # W06000006
    ("SY22 6YE", "dyfed-powys"),  # W06000023
    ("SY10 9BG", "west-mercia"),  # E06000051
    ("TD15 1TP", "police-scotland"),  # S12000026
    ("TD9 0TR", "cumbria"),  # E06000063
    ("TD9 0TS", "cumbria"),  # E06000063
    ("TD5 7NT", "police-scotland"),  # S12000026
    ("TD5 7NF", "police-scotland"),  # S12000026
    ("TN16 1GE", "kent"),  # E07000111
    ("TN3 9NE", "sussex"),  # E07000065
    ("TN3 9DF", "sussex"),  # E07000065
    ("TN14 6DX", "kent"),  # E07000111
    ("TN16 3TE", "metropolitan"),  # E09000006
    ("TW15 1BL", "metropolitan"),  # E09000018
    ("TW19 5AN", "thames-valley"),  # E06000040
    ("TW19 5EN", "thames-valley"),  # E06000040
    ("TW14 0PS", "metropolitan"),  # E09000018
    ("TW12 3JT", "metropolitan"),  # E09000027
    # Well known addresses.
    ("SW1A 2AA", "metropolitan"),  # 10 Downing Street
    ("SW1A 0AA", "metropolitan"),  # Houses of Parliament
    ("EC2V 7HH", "city-of-london"),  # Guildhall
    ("EC2R 8AH", "city-of-london"),  # Bank of England
    ("CF10 1EP", "south-wales"),  # Cardiff
    ("EH1 1YZ", "police-scotland"),  # Edinburgh
    ("G2 1DU", "police-scotland"),  # Glasgow
    # Northern Ireland, the Channel Islands, the Isle of Man and the Scottish islands (ONS).
    ("BT1 1AA", "psni"),
    ("BT48 0AA", "psni"),
    ("BT93 0AA", "psni"),
    ("JE2 3AA", "jersey"),
    ("JE3 1AL", "jersey"),
    ("GY1 1AA", "guernsey"),
    ("GY9 3AA", "guernsey"),  # Alderney
    ("GY10 1SA", "guernsey"),  # Sark
    ("IM1 1AD", "isle-of-man"),
    ("IM9 1AB", "isle-of-man"),
    ("ZE2 9AA", "police-scotland"),
    ("HS1 2AD", "police-scotland"),
    ("KW15 1AA", "police-scotland"),
]

TOWNS = [
    ("Swindon", "wiltshire"),
    ("Basingstoke", "hampshire"),
    ("St Albans", "hertfordshire"),
    ("Saint Albans", "hertfordshire"),
    ("ST. ALBANS", "hertfordshire"),
    ("Cardiff", "south-wales"),
    ("Caerdydd", "south-wales"),
    ("Wrexham", "north-wales"),
    ("Aberystwyth", "dyfed-powys"),
    ("Chepstow", "gwent"),
    ("Aberdeen", "police-scotland"),
    ("Lerwick", "police-scotland"),
    ("Gretna Green", "police-scotland"),
    ("Kelso", "police-scotland"),
    ("Belfast", "psni"),
    ("Londonderry", "psni"),
    ("St Peter Port", "guernsey"),
    ("Onchan", "isle-of-man"),
    ("Peel", "isle-of-man"),
    ("Carlisle", "cumbria"),
    ("Chester", "cheshire"),
    ("Hereford", "west-mercia"),
    ("Oswestry", "west-mercia"),
    ("Hay-on-Wye", "dyfed-powys"),
    ("Crawley", "sussex"),
    ("Tunbridge Wells", "kent"),
    ("Guildford", "surrey"),
    ("Oxford", "thames-valley"),
    ("Luton", "bedfordshire"),
    ("Stevenage", "hertfordshire"),
    ("Harlow", "essex"),
    ("Stockport", "greater-manchester"),
    ("Saddleworth", "greater-manchester"),
    ("Sutton Coldfield", "west-midlands"),
    ("Leeds", "west-yorkshire"),
    ("Sheffield", "south-yorkshire"),
    ("Hull", "humberside"),
    ("York", "north-yorkshire"),
    ("Durham", "durham"),
    ("Middlesbrough", "cleveland"),
    ("Lincoln", "lincolnshire"),
    ("Norwich", "norfolk"),
    ("Ipswich", "suffolk"),
    ("Peterborough", "cambridgeshire"),
    ("Northampton", "northamptonshire"),
    ("Leicester", "leicestershire"),
    ("Nottingham", "nottinghamshire"),
    ("Derby", "derbyshire"),
    ("Stoke-on-Trent", "staffordshire"),
    ("Liverpool", "merseyside"),
    ("Lancaster", "lancashire"),
    ("Truro", "devon-and-cornwall"),
    ("Bath", "avon-and-somerset"),
    ("Gloucester", "gloucestershire"),
    ("Salisbury", "wiltshire"),
    ("Bournemouth", "dorset"),
    ("Warwick", "warwickshire"),
    ("Hexham", "northumbria"),
    ("Berwick-upon-Tweed", "northumbria"),
    ("Berwick upon Tweed", "northumbria"),
    ("Kingston upon Thames", "metropolitan"),
    ("London", "metropolitan"),
    ("Ystradgynlais", "dyfed-powys"),
    ("Royal Wootton Bassett", "wiltshire"),
]

AMBIGUOUS = [
    ("Newport", {"gwent", "hampshire", "west-mercia"}, ["Isle of Wight"]),
    ("Richmond", {"metropolitan", "north-yorkshire"}, ["London", "North Yorkshire"]),
    ("Newcastle", {"northumbria", "staffordshire"}, ["Tyne and Wear", "Staffordshire"]),
    ("Ramsey", {"isle-of-man", "cambridgeshire"}, ["Isle of Man", "Cambridgeshire"]),
    ("St Ives", {"cambridgeshire", "devon-and-cornwall"}, ["Cornwall"]),
    ("Bangor", {"psni", "north-wales"}, ["Gwynedd", "Northern Ireland"]),
]


def test_the_tables_cover_every_territorial_force():
    from forces.models import Force

    expected = set(Force.objects.territorial().values_list("slug", flat=True))
    assert {slug for _, slug in POSTCODES} == expected
    assert len(POSTCODES) >= 150
    assert len(TOWNS) >= 40


@pytest.mark.parametrize(("postcode", "slug"), POSTCODES)
def test_postcode_gives_its_force(postcode, slug):
    result = locate(postcode)
    assert result.match == Match.POSTCODE
    assert [force.slug for force in result.forces] == [slug]


@pytest.mark.parametrize(("postcode", "slug"), POSTCODES[:40])
def test_postcode_typed_untidily_still_matches(postcode, slug):
    untidy = f"  {postcode.lower().replace(' ', '-')} "
    assert [force.slug for force in locate(untidy).forces] == [slug]


@pytest.mark.parametrize(("town", "slug"), TOWNS)
def test_town_gives_its_force(town, slug):
    result = locate(town)
    assert result.match == Match.TOWN
    assert [force.slug for force in result.forces] == [slug]


@pytest.mark.parametrize(("town", "slugs", "counties"), AMBIGUOUS)
def test_shared_town_names_offer_every_candidate_with_its_county(town, slugs, counties):
    result = locate(town)
    assert result.match == Match.TOWN
    assert result.force is None
    assert slugs <= {force.slug for force in result.forces}
    labels = " ".join(candidate.place for candidate in result.candidates)
    for county in counties:
        assert county in labels
    assert "more than one place" in result.reason
