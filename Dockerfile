# syntax=docker/dockerfile:1
# Perhekeskus: one image for the web processes (gunicorn) and the task workers (db_worker).
#   docker build -t perhekeskus .
#   docker compose up            (see docker-compose.yml and .env.example)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

# WeasyPrint (certificate PDFs) loads Pango, HarfBuzz and fontconfig; libharfbuzz-subset0 makes
# font subsetting fast. DejaVu (fonts-dejavu-core) is the certificates' and transcripts' font,
# found by fontconfig (training/pdf.py); it covers Finnish and Swedish letters.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        libfontconfig1 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 perhekeskus \
    && useradd --system --uid 10001 --gid perhekeskus --home-dir /home/perhekeskus --create-home perhekeskus

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .

# Message catalogues compile with Babel (no gettext needed). The code stays owned by root
# and read-only for the app user; only collected static files and uploads are writable.
RUN pybabel compile --domain django --directory locale \
    && mkdir -p staticfiles media private \
    && chown perhekeskus:perhekeskus staticfiles media private \
    && chmod 0755 docker/entrypoint.sh

USER perhekeskus

# Production settings refuse to load without a secret key and allowed hosts; these dummy
# values exist only for this one command and are not part of the image's environment.
RUN SECRET_KEY=collectstatic-build-only-not-a-secret ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput --verbosity 0

EXPOSE 8000

# The entrypoint applies migrations and collects static files when MIGRATE_ON_START=1 (the
# web service sets it), then runs the command.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "config.wsgi"]
