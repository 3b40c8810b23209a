import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# The crisis classifier builds its word lists on first use (about a second). Build them as each
# worker starts, so the first person to search on a worker, who may be in danger, does not wait.
from common.crisis import warm_up  # noqa: E402

warm_up()
