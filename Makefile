# Front door. `make run` installs what is missing, builds and serves; `make test` runs every test.
PRESET ?= dev
BUILD := build/$(PRESET)
JOBS ?= $(shell nproc)

.PHONY: deps configure build web run test test-cpp test-asan test-web bench fmt fmt-check lint clean

deps:
	./scripts/install-deps

configure:
	cmake --preset $(PRESET) >/dev/null

build: configure
	cmake --build $(BUILD) -j $(JOBS)

web:
	./scripts/build-web

# Builds only what serving needs (the tests are built by `make test`).
run: deps
	cmake --preset release >/dev/null
	cmake --build build/release -j $(JOBS) --target resume-coach resume-coach-pdf-worker
	$(MAKE) web
	./build/release/src/app/resume-coach serve $(ARGS)

test: deps
	./scripts/test

bench: deps
	$(MAKE) PRESET=release build
	./scripts/bench

fmt:
	./scripts/format

fmt-check:
	./scripts/format --check

clean:
	rm -rf build web/dist
