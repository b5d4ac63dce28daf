# DHR Manager: one image for the web server, the Celery worker and Celery beat.
# docker-compose.yml runs it; see README.md, "Deploying with docker-compose".

# --- Stage 1: front-end assets (GOV.UK Frontend compiled with Sass) -> static/build/
# Node 24 is a long-term-support release (supported until April 2028); Node 20's support
# ended in April 2026. Move to the next even-numbered LTS before this one ends.
FROM node:24-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY static/ static/
RUN npm run --silent build

# --- Stage 2: the Python application
FROM python:3.11-slim-bookworm

# WeasyPrint needs Pango, HarfBuzz and at least one font.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PROJECT_ENVIRONMENT=/app/.venv

RUN pip install "uv==0.13.9"

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. The lock file decides
# every version; --no-dev leaves out pytest, Playwright and ruff.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
COPY --from=assets /src/static/build/ static/build/

ENV PATH=/app/.venv/bin:$PATH \
    DHR_VAR_DIR=/app/var \
    DHR_PRIVATE_DOCUMENTS_DIR=/var/lib/dhr/documents

# Static files are collected into the image (/app/var/staticfiles) and served by WhiteNoise.
# Production settings refuse to load without a secret key and a host list, so this step
# gets throwaway values that exist only for this RUN and are never used at runtime.
RUN DJANGO_DEBUG=false \
    DJANGO_SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 \
    DJANGO_ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --no-input --ignore scss

# Run as an unprivileged user. It may write only to /app/var (e-mail files when no SMTP
# server is configured) and /var/lib/dhr (private documents, the beat schedule); the code,
# the virtual environment and the collected static files stay read-only to it.
RUN groupadd --system --gid 10001 dhr \
    && useradd --system --uid 10001 --gid dhr --create-home --home-dir /home/dhr \
        --shell /usr/sbin/nologin dhr \
    && install -d -o dhr -g dhr -m 0750 /var/lib/dhr /var/lib/dhr/documents \
    && chown dhr:dhr /app/var \
    && chmod 0750 /app/var
USER dhr

EXPOSE 8000

# The web server. docker-compose.yml runs the worker and beat from the same image with
# their own commands, and runs migrations once before any of them start.
# WEB_CONCURRENCY (read by gunicorn) sets the number of worker processes.
CMD ["gunicorn", "dhr.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--access-logfile", "-", \
     "--error-logfile", "-", \
     "--timeout", "60"]
