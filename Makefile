# DHR Manager: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
UV := uv
MANAGE := $(UV) run --frozen python manage.py

# The front-end files npm installs and the build writes. Make compares their dates with their
# sources', so a second `make test` or `make run` runs neither `npm ci` nor the build.
NODE_MODULES := node_modules/.package-lock.json
ASSETS := static/build/application.css static/build/govuk-frontend.min.js
SCSS := $(shell find static/scss -name '*.scss')

.PHONY: run test install uv python-packages assets migrate demo worker check lint migrations-check format check-deploy diagram clean

run: install migrate demo ## install, migrate, load demo data, serve on http://127.0.0.1:8000 with a worker and beat
	@echo "Serving DHR Manager on http://127.0.0.1:8000 (Ctrl+C stops the server and the worker)"
	@trap 'kill 0' EXIT; \
	$(UV) run --frozen celery -A dhr worker --beat --concurrency 1 --loglevel INFO & \
	$(MANAGE) runserver 127.0.0.1:8000

test: install check ## install what the tests need, check the code, and run the whole suite
	$(UV) run --frozen pytest $(PYTEST_ARGS)

install: python-packages assets

uv:
	@command -v $(UV) >/dev/null 2>&1 || python3 -m pip install --user --quiet uv

python-packages: uv
	$(UV) sync --frozen

assets: $(ASSETS)

# npm ci writes node_modules/.package-lock.json last; touch it so that its date is the
# install's even if npm left the file as it was.
$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/build/application.css: $(NODE_MODULES) $(SCSS)
	npm run --silent build:css

static/build/govuk-frontend.min.js: $(NODE_MODULES)
	npm run --silent build:js

migrate: python-packages
	@mkdir -p var
	$(MANAGE) migrate --no-input

demo: python-packages
	$(MANAGE) seed_demo
	$(MANAGE) send_reminders

check: lint migrations-check ## what CI refuses: a lint or formatting error, a missing migration

lint: python-packages
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

migrations-check: python-packages
	@mkdir -p var
	$(MANAGE) makemigrations --check --dry-run

format: python-packages
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

check-deploy: python-packages ## the production checks, with throwaway values
	DJANGO_DEBUG=false DJANGO_ALLOWED_HOSTS=dhr.example.org \
	DJANGO_SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))') \
	$(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf .venv node_modules static/build var
