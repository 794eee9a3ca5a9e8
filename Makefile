# flexgo.fortiflexvm — build, test and demo. See README.md.
GO        ?= go
GOOS      := $(shell $(GO) env GOOS)
GOARCH    := $(shell $(GO) env GOARCH)
PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64
MODFLAGS  := -trimpath -ldflags "-s -w"

.PHONY: all build module sim docs dist test test-go demo bench fuzz deps clean

all: build

## build: the module binary for this machine (into binaries/) and the simulator (build/fortiflex-sim)
build: module sim

module:
	CGO_ENABLED=0 $(GO) build $(MODFLAGS) -o binaries/fortiflexvm_$(GOOS)_$(GOARCH) ./gobin/fortiflexvm

sim:
	CGO_ENABLED=0 $(GO) build -trimpath -o build/fortiflex-sim ./gobin/fortiflex-sim

## docs: regenerate plugins/modules/*.py, plugins/doc_fragments/*.py and meta/runtime.yml from the Go definitions
docs:
	$(GO) run ./gobin/docgen .

## dist: the module binary for every platform and the Galaxy tarball (into dist/)
dist:
	@for p in $(PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; \
	  echo "building binaries/fortiflexvm_$${os}_$${arch}"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build $(MODFLAGS) -o binaries/fortiflexvm_$${os}_$${arch} ./gobin/fortiflexvm || exit 1; \
	done
	mkdir -p dist && ansible-galaxy collection build --force --output-path dist .

## deps: install what the tests and the demo need (ansible-core from Debian's apt) when it is missing
deps:
	@scripts/deps.sh

## test: every test — Go unit/e2e tests, docs drift, ansible-test integration and sanity, Galaxy round trip
test: deps build
	@scripts/test.sh

test-go:
	$(GO) test ./...

## demo: start the simulator, run the example playbook against it, stop it
demo: deps build
	@scripts/demo.sh

## bench: Go benchmarks and the per-task wall time of a 20-task playbook
bench: deps build dist
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@scripts/bench-playbook.sh
	@echo "module binaries (bytes):"; ls -l binaries/ | awk 'NR>1{print "  "$$9": "$$5}'
	@echo "galaxy tarball (bytes):"; ls -l dist/*.tar.gz | awk '{print "  "$$9": "$$5}'

## fuzz: run every Go fuzz target for FUZZTIME each (the seeds also run in make test)
FUZZTIME ?= 20s
fuzz:
	@set -e; for spec in catalog:FuzzValidate sim:FuzzRequestBodies fortiflex:FuzzDecodeEnvelope \
	  fortiflex:FuzzDecodeEntitlements fortiflex:FuzzTokenFile; do \
	  pkg=$${spec%%:*}; fn=$${spec#*:}; echo "fuzz $$pkg $$fn"; \
	  $(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) ./internal/$$pkg/; done

clean:
	rm -rf binaries build dist tests/output
