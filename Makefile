# The one developer interface. `make run` and `make test` do everything on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

-include .env
RASA_VENV ?= .venv-rasa
APP_VENV ?= .venv
RASA := $(RASA_VENV)/bin/rasa
PY := $(APP_VENV)/bin/python
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055
WEB_HOST ?= 127.0.0.1
WEB_PORT ?= 8000
MODELS_DIR ?= models
# Workers (issue 14): more than one Rasa or web worker starts a local Redis (and PostgreSQL for
# Rasa's trackers) unless REDIS_URL / TRACKER_DB_URL name existing ones (scripts/run.sh).
RASA_WORKERS ?= 1
WEB_WORKERS ?= 1
ACTION_SERVER_SANIC_WORKERS ?= 1
export RASA_WORKERS WEB_WORKERS ACTION_SERVER_SANIC_WORKERS REDIS_URL TRACKER_DB_URL
# Rasa's per-conversation lock expires after this many seconds when a worker dies holding it.
export TICKET_LOCK_LIFETIME ?= 15
ifeq ($(strip $(RASA_TOKEN)),)
RASA_TOKEN := $(shell python3 -c 'import secrets; print(secrets.token_hex(16))')
endif
export RASA_VENV APP_VENV RASA_PORT ACTIONS_PORT WEB_HOST WEB_PORT MODELS_DIR RASA_TOKEN
export RASA_URL ?= http://127.0.0.1:$(RASA_PORT)
export ACTIONS_URL ?= http://127.0.0.1:$(ACTIONS_PORT)
export ACTION_ENDPOINT_URL ?= $(ACTIONS_URL)/webhook
# rasa-sdk binds the action server to SANIC_HOST (default 0.0.0.0): keep it on loopback.
export SANIC_HOST ?= 127.0.0.1
export TF_CPP_MIN_LOG_LEVEL ?= 2
export RASA_TELEMETRY_ENABLED ?= false
export PYTHONHASHSEED ?= 0

# data/nlu/candidates.yml (inbox export for review) is not training data: never retrain on it.
TRAIN_INPUTS := config.yml $(filter-out data/nlu/candidates.yml,$(shell find domain data/nlu data/stories data/rules -name '*.yml')) \
	bot/nlu/crisis_override.py bot/nlu/ensemble.py bot/nlu/blend.py bot/safety/crisis.py bot/safety/crisis_lexicon.yml \
	bot/safety/crisis_idioms.yml bot/safety/tiers.py bot/text.py
MODEL_STAMP := $(MODELS_DIR)/.trained

.PHONY: help setup run train db validate lint test-deps unit test test-stories eval eval-crisis crossval bench fuzz clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

setup:  ## create both environments and install Debian packages (idempotent)
	@scripts/setup.sh

$(MODEL_STAMP): $(TRAIN_INPUTS)
	@$(MAKE) --no-print-directory setup
	@echo "[train] training data, config or domain changed: training a new model"
	@mkdir -p $(MODELS_DIR) && touch $@.started  # start time: inputs edited meanwhile retrain next
	@start=$$(date +%s); \
	$(RASA) train --domain domain --out $(MODELS_DIR) --fixed-model-name asumisbotti --quiet && \
	echo "[train] done in $$(( $$(date +%s) - start )) s"
	@mv $@.started $@

train: $(MODEL_STAMP)  ## train the model when data/config/domain changed

db: setup  ## migrate the database and load data/content/ into it (idempotent)
	@$(APP_VENV)/bin/asumisbotti content load

run: setup $(MODEL_STAMP) db  ## start Rasa, the action server and the web app; Ctrl-C stops all
	@echo "Asumisen Botti käynnistyy / starting: http://localhost:$(WEB_PORT)"
	@scripts/run.sh

validate: setup  ## rasa data validate, no warnings allowed
	$(RASA) data validate --domain domain --fail-on-warnings --quiet

lint: setup  ## ruff (tree) and mypy (bot/, actions/)
	$(APP_VENV)/bin/ruff check bot actions tests scripts migrations
	$(APP_VENV)/bin/mypy

test-deps:  ## install what the tests need besides the environments (Debian postgresql, chromium)
	@scripts/test-deps.sh

unit: test-deps $(MODEL_STAMP)  ## pytest, including the Rasa-side tests that need the trained model
	ASUMISBOTTI_REQUIRE_MODEL=1 $(PY) -m pytest -q --durations=15

test-stories: $(MODEL_STAMP)  ## intent-level stories (policy), then user-text stories end to end (NLU + policy)
	$(RASA) test core --stories tests/stories --fail-on-prediction-errors --out reports/stories --quiet
	$(RASA) test core --e2e --stories tests/e2e_stories --fail-on-prediction-errors --out reports/e2e-stories --quiet

eval-heldout: $(MODEL_STAMP)
	$(RASA_VENV)/bin/asumisbotti eval --test tests/nlu/test_nlu.yml --report reports/nlu-heldout.md

eval-crisis: $(MODEL_STAMP)  ## crisis recall, false alarms and tier of each miss (reports/crisis-eval.md)
	$(RASA_VENV)/bin/asumisbotti crisis-eval --eval tests/nlu/crisis_eval.yml --report reports/crisis-eval.md

eval: eval-heldout eval-crisis crossval  ## held-out + crisis reports + 5-fold cross-validation (reports/)

crossval: setup  ## 5-fold cross-validation of config.yml and of the TF-IDF + LR baseline (slow)
	nice -n 5 $(RASA_VENV)/bin/python -m bot.nlu_eval.crossval --config eval/pipelines/ensemble_cv.yml \
		--folds 5 --report reports/nlu-crossval.md --json reports/crossval/result.json \
		--dump reports/crossval/distributions.jsonl

test: lint validate $(MODEL_STAMP) unit test-stories eval-heldout  ## everything CI runs
	@echo "make test: all checks passed"

bench: setup $(MODEL_STAMP) db  ## open-loop load of /api/chat at 10-60 turns/s, 1 and 2 Rasa workers (reports/bench.md)
	@mkdir -p reports && scripts/bench.sh

fuzz: setup $(MODEL_STAMP) db  ## 10,000 odd requests through /api/chat: no server error (reports/fuzz.md)
	@mkdir -p reports && $(PY) scripts/fuzz.py --requests 10000

clean:  ## remove models, reports and caches (keeps the environments)
	rm -rf $(MODELS_DIR) reports .rasa .pytest_cache .ruff_cache
