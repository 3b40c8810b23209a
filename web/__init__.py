"""The web layer every app's pages stand on: middleware (headers, language, errors), the origin
check for token-less forms, CORS and embed framing, rate limits, the API's shared support and the
error pages. A plain package below the apps, like common/: it has no models and imports none of
them."""
