"""The Content-Security-Policy and Permissions-Policy every response carries
(web.middleware.SecurityHeadersMiddleware), and the admin's one widening of it."""

import hashlib
import re
from base64 import b64encode

PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
# The Django admin and its editor widgets still set a few style attributes.
ADMIN_CSP = PUBLIC_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)

_IMPORTMAP_RE = re.compile(r'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


def allow_importmaps(response):
    """Let the page's import maps (the admin's editor) run under the admin's policy.

    The policy allows no inline script; an import map is one, so it is allowed by its hash.
    """
    if not hasattr(response, "render") or response.status_code != 200:
        return response
    response.render()
    scripts = _IMPORTMAP_RE.findall(response.content.decode())
    if scripts:
        hashes = " ".join(
            f"'sha256-{b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts
        )
        response["Content-Security-Policy"] = ADMIN_CSP.replace(
            "script-src 'self'", f"script-src 'self' {hashes}"
        )
    return response
