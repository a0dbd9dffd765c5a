#!/bin/sh
# Container entrypoint: prepare, then run the command given (gunicorn by default).
#
# MIGRATE_ON_START=1 (the web service in docker-compose.yml) applies database migrations and
# collects static files first. With several web containers, leave it at 0 and run
# `python manage.py migrate` once per release instead, so they do not migrate at the same time.
set -eu

if [ "${MIGRATE_ON_START:-0}" = "1" ]; then
    python manage.py migrate --noinput
    python manage.py collectstatic --noinput --verbosity 0
fi

exec "$@"
