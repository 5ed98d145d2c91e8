# CCF Portal. `make run` starts the portal on ./data; `make test` runs every test.
GO      ?= go
ADDR    ?= 127.0.0.1:8080
DATA    ?= ./data

.PHONY: run test build generate check-generated vet lint fuzz bench

## run: start the portal at http://127.0.0.1:8080 with its data in ./data
run:
	$(GO) run ./cmd/ccfportal serve -addr $(ADDR) -data $(DATA)

## test: check generated code is current, vet, lint, run all tests with the race detector, then
##       the load test and the full-scale seed that the race detector would make too slow
test: check-generated vet lint
	$(GO) test -race -count=1 -timeout 25m ./...
	$(GO) test -count=1 -run '^TestManyWritersSaveAnswersAtOnce$$' ./web/
	$(GO) test -count=1 -run '^TestYearsSeedFollowsTheCCFsVolumesFor2023$$' ./db/seed/
	@$(GO) test -count=1 -run '^TestBrowserTools$$' -v ./e2e | grep -o 'browser suite .*' || true

## build: a static binary in bin/ccfportal
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags="-s -w" -o bin/ccfportal ./cmd/ccfportal

## generate: regenerate templ code after editing a .templ file
generate:
	$(GO) tool templ generate

## check-generated: fail if the committed templ code differs from a fresh generation
check-generated:
	@tmp=$$(mktemp -d) && cp -r views $$tmp/ && \
	  $(GO) tool templ generate -path $$tmp >/dev/null 2>&1 && \
	  if ! diff -r views $$tmp/views >/dev/null; then \
	    echo "templ code is stale: run 'make generate' and commit the result"; diff -r views $$tmp/views | head -20; rm -rf $$tmp; exit 1; \
	  fi; rm -rf $$tmp

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || (echo "gofmt needed:"; gofmt -l .; exit 1)

## lint: staticcheck, when it is installed; in CI (CI=true) it must be
lint:
	@if command -v staticcheck >/dev/null 2>&1; then staticcheck ./...; \
	elif [ "$(CI)" = true ]; then echo "staticcheck is not installed (.ci/run installs it)"; exit 1; \
	else echo "lint skipped: staticcheck not installed (.ci/run shows the pinned go install)"; fi

## fuzz: run each fuzz test for a short while
fuzz:
	$(GO) test ./db/password/ -run XXX -fuzz '^FuzzVerifyPassword$$' -fuzztime 30s
	$(GO) test ./db/filetype/ -run XXX -fuzz '^FuzzPDFPageCounter$$' -fuzztime 30s
	$(GO) test ./db/filetype/ -run XXX -fuzz '^FuzzSniffFileType$$' -fuzztime 30s
	$(GO) test ./db/filetype/ -run XXX -fuzz '^FuzzSanitizeFilename$$' -fuzztime 30s
	$(GO) test ./db/blob/ -run XXX -fuzz '^FuzzBlobOpen$$' -fuzztime 30s
	$(GO) test ./db/filetype/ -run XXX -fuzz '^FuzzInspectPDF$$' -fuzztime 30s
	$(GO) test ./db/domain/prior/ -run XXX -fuzz '^FuzzParseReference$$' -fuzztime 30s

## bench: build the portal and a bare Echo server, seed BENCH_CASES cases (100000) into a temp
##        folder, load every page and race saves against them, and print the table of issue 21.
##        Knobs: BENCH_DURATION (8s per page), BENCH_CONNS (64), BENCH_SAVE_DURATION (15s),
##        BENCH_UPLOAD_MB (200), BENCH_WRITER_ACCOUNTS (40), BENCH_DIR, BENCH_PROFILE_DIR (CPU profiles).
##        A few minutes; never part of make test.
bench:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/ccfportal ./cmd/ccfportal
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/bench-bare ./tools/bench/bare
	$(GO) run ./tools/bench -portal bin/ccfportal -bare bin/bench-bare
