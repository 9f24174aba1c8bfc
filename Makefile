# Winnow: `make run` cleans the seed page, `make test` runs every test.
SWIFT ?= swift
SEED  := seeds/000_d93de6c995681d6c.txt
BIN   := .build/release/winnow
# Release builds link the Swift runtime and Foundation statically: the binary runs without a Swift
# toolchain, and its resident memory is about 9 MB lower (their pages are not all relocated at start).
RELEASE := -c release --static-swift-stdlib
export RELEASE
FUZZ_SECONDS ?= 120
PEER_STORIES ?= 50000
FUZZ_TARGETS := FuzzJSONL FuzzXML FuzzHTML FuzzNormalize FuzzTeasers
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

.PHONY: run test build deps bench fuzz clean

run: deps build
	@$(BIN) clean $(SEED)

# Every test, then a short smoke of each fuzz target, which must find no crash or hang.
test: deps
	$(SWIFT) test --disable-xctest
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=20

# Build chatter goes to standard error, so `make run > corpus.xml` holds only the corpus.
build: deps
	@$(SWIFT) build $(RELEASE) 1>&2

# The C libraries behind the system-library targets, installed only when pkg-config cannot find them.
deps:
	@pkg-config --exists libxml-2.0 zlib libutf8proc jemalloc 2>/dev/null || { \
	  echo "installing libxml2-dev zlib1g-dev libutf8proc-dev libjemalloc-dev pkg-config"; \
	  apt-get update -qq && apt-get install -y -qq libxml2-dev zlib1g-dev libutf8proc-dev libjemalloc-dev pkg-config; }

# Throughput and quality benchmarks in a release build (never part of `make test`).
bench: deps
	@$(SWIFT) build $(RELEASE) --product winnow-bench 1>&2
	.build/release/winnow-bench normalize
	.build/release/winnow-bench stages --stories 20000
	.build/release/winnow-bench readers --stories 20000
	.build/release/winnow-bench quality --stories 20000
	@$(SWIFT) build $(RELEASE) --product winnow 1>&2
	@echo "2 GB generated on the fly through standard input (news pipeline, JSON Lines out):"
	@set -o pipefail; .build/release/winnow-bench generate --stories 330000 -o - \
	  | /usr/bin/time -f "peak memory %M KB, %e s" .build/release/winnow run news --input-format jsonl --format jsonl - \
	    -o /dev/null --report .build/stream-report.json
	@grep -E '"(in|bytes)"|index_bytes' .build/stream-report.json
	Benchmarks/peers/compare.sh $(PEER_STORIES)

# libFuzzer targets (Fuzz/) with AddressSanitizer, each run FUZZ_SECONDS from a corpus seeded
# with Samples/ and seeds/; a crash or a hang fails, its input left in Fuzz/.build/artifacts.
fuzz: deps
	@cd Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 1>&2
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p Fuzz/.build/corpus/$$target Fuzz/.build/artifacts; \
	  cp Samples/seed/* Samples/html/*.html Samples/xml/*.xml seeds/*.txt Fuzz/.build/corpus/$$target/; \
	  echo "fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  Fuzz/.build/release/$$target Fuzz/.build/corpus/$$target -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=4096 -artifact_prefix=Fuzz/.build/artifacts/$$target- -print_final_stats=1 \
	    > Fuzz/.build/$$target.log 2>&1 || { tail -n 40 Fuzz/.build/$$target.log; exit 1; }; \
	  grep -E "^stat::number_of_executed_units" Fuzz/.build/$$target.log; \
	done

clean:
	rm -rf .build Fuzz/.build
