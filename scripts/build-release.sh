#!/usr/bin/env bash
# The one release build, run by the Dockerfile and by `make prod-up` alike so they cannot drift:
# install the application's dependencies, compile the translations, collect the static files.
#
#   scripts/build-release.sh            # with the python on PATH (the image)
#   PYTHON=.venv/bin/python scripts/build-release.sh
#
# msgfmt comes from the system's gettext package (apt) in both places; without it the Polish interface
# would silently fall back to the English source strings, so its absence is an error here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python}"
cd "$ROOT"

command -v msgfmt >/dev/null || { echo "build-release: msgfmt missing (apt-get install gettext)" >&2; exit 1; }

"$PYTHON" -m pip install --no-cache-dir -q .

# Neither step reads a secret or opens a connection, but production settings refuse to load without them.
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.production}"
export SECRET_KEY="${SECRET_KEY:-release-build-only-not-a-secret}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-release.invalid}"
export REDIS_URL="${REDIS_URL:-redis://release.invalid:6379/0}"

"$PYTHON" manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules -v0
test -s site/locale/pl/LC_MESSAGES/django.mo || { echo "build-release: no Polish catalogue compiled" >&2; exit 1; }
"$PYTHON" manage.py collectstatic --noinput -v0
