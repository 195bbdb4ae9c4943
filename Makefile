# Channel Todo — build, test and run the plugin. `make help` lists the targets.
GO ?= go
NPM ?= npm
PLUGIN_ID := $(shell node -p "require('./plugin.json').id")
PLUGIN_VERSION := $(shell node -p "require('./plugin.json').version")
BUNDLE := dist/$(PLUGIN_ID)-$(PLUGIN_VERSION).tar.gz
PLATFORMS := linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64
GO_SOURCES := $(shell find server -name '*.go' -not -path '*/testdata/*') go.mod go.sum
FUZZTIME ?= 20s

export CHANNEL_TODO_REQUIRE_CLIS ?= 1

.PHONY: help
help: ## Show the targets.
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

.PHONY: deps
deps: ## Install Debian packages, PostgreSQL (if none runs) and npm packages.
	./build/install-deps.sh

## Server executables for every platform in plugin.json.
SERVER_BINARIES := $(foreach p,$(PLATFORMS),server/dist/plugin-$(p)$(if $(findstring windows,$(p)),.exe,))
server/dist/plugin-%: $(GO_SOURCES)
	@mkdir -p server/dist
	CGO_ENABLED=0 GOOS=$(word 1,$(subst -, ,$(basename $*))) GOARCH=$(word 2,$(subst -, ,$(basename $*))) \
		$(GO) build -trimpath -ldflags="-s -w" -o $@ ./server

.PHONY: server-binaries
server-binaries: $(SERVER_BINARIES) ## Build the Go plugin for all platforms.

.PHONY: webapp
webapp: ## Build the webapp bundle (webapp/dist/main.js).
	$(NPM) run build -w webapp

.PHONY: dist
dist: server-binaries webapp ## Build the bundle an admin uploads: dist/<id>-<version>.tar.gz
	@# Staged in a private directory and renamed into place, so a server reading the bundle
	@# never sees a half-written file, even while another build runs.
	@set -e; mkdir -p dist; stage=$$(mktemp -d dist/.stage.XXXXXX); trap 'rm -rf "$$stage"' EXIT; \
	root="$$stage/$(PLUGIN_ID)"; mkdir -p "$$root/server/dist" "$$root/webapp/dist" dist; \
	cp plugin.json "$$root/"; cp -r assets "$$root/"; \
	if [ -d public ]; then cp -r public "$$root/"; fi; \
	cp $(SERVER_BINARIES) "$$root/server/dist/"; cp webapp/dist/main.js "$$root/webapp/dist/"; \
	tar -C "$$stage" -czf "$$stage/bundle.tar.gz" $(PLUGIN_ID); \
	mv "$$stage/bundle.tar.gz" $(BUNDLE)
	@echo "plugin bundle: $(BUNDLE)"

.PHONY: deploy
deploy: dist ## Upload and enable the bundle (MM_SERVICESETTINGS_SITEURL + MM_ADMIN_TOKEN, or MM_LOCALSOCKETPATH).
	./build/deploy.sh $(BUNDLE)

.PHONY: check-style
check-style: ## gofmt, go vet, TypeScript type checks and ESLint.
	@unformatted=$$(gofmt -l server); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(NPM) run check-types
	$(NPM) run lint

.PHONY: test-go
test-go: ## Go unit, store (PostgreSQL) and CLI tests with the race detector, each benchmark once, then the parser fuzz tests.
	$(GO) test -race -count=1 ./...
	@# Each Go benchmark once, with its own checks of what it read: a benchmark that no longer
	@# matches the code fails here, not first in make bench.
	$(GO) test -run '^$$' -bench . -benchtime 1x ./server/...
	$(GO) test ./server/command -run '^$$' -fuzz='^FuzzParse$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./server/command -run '^$$' -fuzz='^FuzzNeutralize$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./server/command -run '^$$' -fuzz='^FuzzParseAddLine$$' -fuzztime=$(FUZZTIME)

.PHONY: test-webapp
test-webapp: ## Webapp unit tests (jest).
	$(NPM) run test:webapp

.PHONY: test-e2e
test-e2e: dist ## End-to-end and browser tests against a real Mattermost server.
	CHANNEL_TODO_BUNDLE=$(CURDIR)/$(BUNDLE) $(NPM) run test:e2e

.PHONY: test
test: deps check-style test-go test-webapp test-e2e ## Everything CI runs.

SOAK_FUZZTIME ?= 10m

.PHONY: soak
soak: deps dist ## Long reliability runs (about 60 minutes), then a table of their figures: two servers, a crash, an upgrade, a replica, restarts and a full disk at full size, 64 writers + 64 readers for 5 minutes, long fuzzing. See docs/RELIABILITY.md.
	@# A crasher that fuzzing finds is written to the package's testdata/fuzz/<Fuzz name>/:
	@# commit it, and every later go test runs it as a seed.
	SOAK_FUZZTIME=$(SOAK_FUZZTIME) GO=$(GO) CHANNEL_TODO_BUNDLE=$(CURDIR)/$(BUNDLE) npx tsx e2e/soak/run_soak.ts

.PHONY: bench
bench: deps dist ## Benchmarks (not tests): the API through a real server, the sidebar in Chromium, and the store alone. See docs/BENCHMARKS.md.
	CHANNEL_TODO_BUNDLE=$(CURDIR)/$(BUNDLE) npx tsx e2e/bench/api_bench.ts
	CHANNEL_TODO_BUNDLE=$(CURDIR)/$(BUNDLE) npx tsx e2e/tests/browser/bench_sidebar.ts
	$(GO) test -run '^$$' -bench 'Add|List|Mine' -benchtime 100x ./server/store/
	$(GO) test -run '^$$' -bench ReminderRound -benchtime 3x ./server/store/

.PHONY: screenshots
screenshots: dist ## Regenerate docs/screenshots/ (light and dark) in the browser host page on a fresh server.
	CHANNEL_TODO_BUNDLE=$(CURDIR)/$(BUNDLE) npx tsx e2e/tests/browser/screenshots.ts docs/screenshots

.PHONY: server
server: deps dist ## Start a local Mattermost with the plugin installed (data kept); prints URL and logins.
	CHANNEL_TODO_BUNDLE=$(CURDIR)/$(BUNDLE) npx tsx e2e/scripts/server.ts start

.PHONY: server-stop
server-stop: ## Stop the server that `make server` started.
	npx tsx e2e/scripts/server.ts stop

.PHONY: clean
clean: ## Remove build output (the cached Mattermost server stays).
	rm -rf dist server/dist webapp/dist
