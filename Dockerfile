# The production image. scripts/build-release.sh is the one build recipe, shared with `make prod-up`.
FROM python:3.11.14-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
# gettext: msgfmt for compilemessages (the Polish interface); the slim image has none.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md manage.py ./
COPY config ./config
COPY catalog ./catalog
COPY events ./events
COPY cms ./cms
COPY search ./search
COPY site ./site
COPY scripts/build-release.sh ./scripts/
RUN STATIC_ROOT=/app/var/static scripts/build-release.sh
# The media directory belongs to the app user: a named volume mounted there starts with this ownership,
# so uploads (logos, gallery images) are writable without running as root.
RUN useradd --system --uid 10001 app && mkdir -p /app/var/media && chown -R app /app/var
USER app
EXPOSE 8000
# Workers: gunicorn reads WEB_CONCURRENCY from the environment (compose sets it; default 1 per container).
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
