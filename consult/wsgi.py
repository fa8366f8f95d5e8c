import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.local")
application = get_wsgi_application()
# Load the URL configuration and every view it imports (the analysis libraries among them) now,
# once per worker (or once before forking, with gunicorn --preload), not on a user's request.
get_resolver().url_patterns  # noqa: B018
