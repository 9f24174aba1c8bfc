# Winnow: `make run` cleans the seed page, `make test` runs every test.
SWIFT ?= swift
SEED  := seeds/000_d93de6c995681d6c.txt
BIN   := .build/release/winnow

.PHONY: run test build deps bench clean

run: deps build
	@$(BIN) clean $(SEED)

test: deps
	$(SWIFT) test --disable-xctest

# Build chatter goes to standard error, so `make run > corpus.xml` holds only the corpus.
build: deps
	@$(SWIFT) build -c release 1>&2

# The C libraries behind the system-library targets, installed only when pkg-config cannot find them.
deps:
	@pkg-config --exists libxml-2.0 zlib libutf8proc 2>/dev/null || { \
	  echo "installing libxml2-dev zlib1g-dev libutf8proc-dev pkg-config"; \
	  apt-get update -qq && apt-get install -y -qq libxml2-dev zlib1g-dev libutf8proc-dev pkg-config; }

# Throughput and quality benchmarks in a release build (never part of `make test`).
bench: deps
	@$(SWIFT) build -c release --product winnow-bench 1>&2
	.build/release/winnow-bench normalize
	.build/release/winnow-bench stages --stories 20000
	.build/release/winnow-bench quality --stories 20000

clean:
	rm -rf .build
