"""WGS84 latitude/longitude to British National Grid, to a few metres (Helmert + Transverse
Mercator, as in Ordnance Survey's "A guide to coordinate systems in Great Britain")."""

from math import atan2, cos, radians, sin, sqrt, tan

_WGS84 = (6378137.000, 6356752.3141)
_AIRY = (6377563.396, 6356256.909)
# WGS84 -> OSGB36 Helmert parameters (metres, ppm, arc-seconds).
_TX, _TY, _TZ = -446.448, 125.157, -542.060
_S = 20.4894e-6
_RX, _RY, _RZ = (radians(v / 3600) for v in (-0.1502, -0.2470, -0.8421))


def _to_cartesian(lat, lon, ellipsoid):
    a, b = ellipsoid
    e2 = 1 - b * b / (a * a)
    nu = a / sqrt(1 - e2 * sin(lat) ** 2)
    return (nu * cos(lat) * cos(lon), nu * cos(lat) * sin(lon), (1 - e2) * nu * sin(lat))


def _to_latlon(x, y, z, ellipsoid):
    a, b = ellipsoid
    e2 = 1 - b * b / (a * a)
    p = sqrt(x * x + y * y)
    lat = atan2(z, p * (1 - e2))
    for _ in range(10):
        nu = a / sqrt(1 - e2 * sin(lat) ** 2)
        lat = atan2(z + e2 * nu * sin(lat), p)
    return lat, atan2(y, x)


def to_grid(latitude, longitude):
    """(easting, northing) in metres on the OSGB36 National Grid."""
    x, y, z = _to_cartesian(radians(latitude), radians(longitude), _WGS84)
    x2 = _TX + (1 + _S) * x - _RZ * y + _RY * z
    y2 = _TY + _RZ * x + (1 + _S) * y - _RX * z
    z2 = _TZ - _RY * x + _RX * y + (1 + _S) * z
    lat, lon = _to_latlon(x2, y2, z2, _AIRY)
    return _project(lat, lon)


def _project(lat, lon):
    a, b = _AIRY
    f0, lat0, lon0, n0, e0 = 0.9996012717, radians(49), radians(-2), -100000, 400000
    e2 = 1 - b * b / (a * a)
    n = (a - b) / (a + b)
    nu = a * f0 / sqrt(1 - e2 * sin(lat) ** 2)
    rho = a * f0 * (1 - e2) / (1 - e2 * sin(lat) ** 2) ** 1.5
    eta2 = nu / rho - 1
    dl, sl = lat - lat0, lat + lat0
    m = (
        b
        * f0
        * (
            (1 + n + 5 / 4 * n**2 + 5 / 4 * n**3) * dl
            - (3 * n + 3 * n**2 + 21 / 8 * n**3) * sin(dl) * cos(sl)
            + (15 / 8 * n**2 + 15 / 8 * n**3) * sin(2 * dl) * cos(2 * sl)
            - 35 / 24 * n**3 * sin(3 * dl) * cos(3 * sl)
        )
    )
    c, s, t = cos(lat), sin(lat), tan(lat)
    one = m + n0
    two = nu / 2 * s * c
    three = nu / 24 * s * c**3 * (5 - t**2 + 9 * eta2)
    three_a = nu / 720 * s * c**5 * (61 - 58 * t**2 + t**4)
    four = nu * c
    five = nu / 6 * c**3 * (nu / rho - t**2)
    six = nu / 120 * c**5 * (5 - 18 * t**2 + t**4 + 14 * eta2 - 58 * t**2 * eta2)
    d = lon - lon0
    northing = one + two * d**2 + three * d**4 + three_a * d**6
    easting = e0 + four * d + five * d**3 + six * d**5
    return easting, northing
