"""Reading the sitemap as a crawler does: the index, then every file it names."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit


def locations(root):
    return [el.text for el in root.iter() if el.tag.endswith("loc")]


def sitemap_files(client, **headers):
    """The parsed <urlset> of every file /sitemap.xml names, in its order."""
    response = client.get("/sitemap.xml", **headers)
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    assert index.tag.endswith("sitemapindex")
    files = []
    for address in locations(index):
        parts = urlsplit(address)
        page = client.get(parts.path + (f"?{parts.query}" if parts.query else ""), **headers)
        assert page.status_code == 200, address
        files.append(ET.fromstring(page.content))
    return files


def sitemap_locations(client, **headers):
    """Every page address the sitemap lists, across all its files."""
    return [loc for root in sitemap_files(client, **headers) for loc in locations(root)]
