# Farmstall: `make run` and `make test` on a fresh Debian 12 machine (as root, or with sudo).
# Each target installs what is missing first; installs are skipped when already done.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev \
	webkit2gtk-driver xvfb xauth imagemagick poppler-utils fonts-noto-cjk pkg-config build-essential \
	curl ca-certificates python3 python3-openpyxl python3-pil xdotool x11-utils \
	desktop-file-utils
NODE_MIN_MAJOR := 20
# Cargo's output folder: ./target unless CARGO_TARGET_DIR moves it (absolute, as the Tauri CLI runs in src-tauri/).
TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))
DESKTOP_BIN := $(TARGET_DIR)/debug/farmstall-desktop
# Dev and demo builds offer the demo marketplace; a release build without it does not link the simulator.
DEV_FEATURES := --features farmstall-desktop/demo-marketplace
# The installer: the Tauri bundler names the .deb after productName, the workspace version and the architecture.
TAURI := $(CURDIR)/ui/node_modules/.bin/tauri
VERSION := $(shell sed -n 's/^version = "\(.*\)"$$/\1/p' Cargo.toml | head -n 1)
DEB_NAME := Farmstall_$(VERSION)_$(shell dpkg --print-architecture 2>/dev/null || echo amd64).deb
DEB_MAX_BYTES := 20000000

.PHONY: run test deps deps-system deps-toolchain deps-node deps-e2e ui desktop cli lint fmt-check \
	rust-test ui-test e2e package package-test bench bench-start bindings clean

## run: install what is missing, build, and open the app on the default database
run: deps-system deps-toolchain deps-node desktop
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
		echo "make run: no display found (DISPLAY and WAYLAND_DISPLAY are empty)."; \
		echo "  On a desktop, run it from a terminal inside your session."; \
		echo "  On a server, use a virtual display:  xvfb-run -s '-screen 0 1280x800x24' make run"; \
		exit 1; \
	fi
	$(DESKTOP_BIN)

## test: install what is missing and run every test: Rust, frontend, end-to-end
test: deps lint rust-test ui-test e2e package-test
	@echo "make test: all green"

deps: deps-system deps-toolchain deps-node deps-e2e

deps-system:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

deps-toolchain:
	@command -v cargo >/dev/null || { \
		echo "Rust is missing: installing it with rustup (https://rustup.rs)"; \
		curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt; }
	@rustup component list --installed 2>/dev/null | grep -q clippy || rustup component add clippy rustfmt
	@if ! command -v node >/dev/null || [ "$$(node -p 'process.versions.node.split(".")[0]')" -lt $(NODE_MIN_MAJOR) ]; then \
		if ! command -v node >/dev/null; then \
			$(SUDO) apt-get update -qq; \
			$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; fi; \
		if [ "$$(node -p 'process.versions.node.split(".")[0]')" -lt $(NODE_MIN_MAJOR) ]; then \
			echo "Node.js $(NODE_MIN_MAJOR) or newer is needed (found $$(node --version)); install it from https://nodejs.org"; \
			exit 1; fi; \
	fi

# npm ci only when package-lock.json changed since the last install.
deps-node: ui/node_modules/.installed
ui/node_modules/.installed: ui/package-lock.json ui/package.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

deps-e2e:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked

## ui: build the frontend into ui/dist (the desktop binary embeds it)
ui: deps-node
	cd ui && npm run build

desktop: ui
	cargo build -p farmstall-desktop $(DEV_FEATURES)

cli:
	cargo build -p farmstall-cli

fmt-check:
	cargo fmt --all --check

lint: fmt-check ui
	cargo clippy --workspace --all-targets --exclude farmstall-e2e $(DEV_FEATURES) -- -D warnings
	cargo clippy -p farmstall-e2e --all-targets -- -D warnings

rust-test: ui
	cargo test --workspace --exclude farmstall-e2e $(DEV_FEATURES)

ui-test: deps-node
	cd ui && npm run typecheck && npm test

## e2e: drive the real desktop binary under Xvfb through tauri-driver and WebKitWebDriver
e2e: deps-system deps-e2e desktop
	cargo test -p farmstall-e2e -- --test-threads=1

## package: the Debian package of the desktop app, a release build without the demo marketplace;
## fails when the .deb is over 20 MB
package: deps-system deps-toolchain ui
	cd src-tauri && CARGO_TARGET_DIR=$(TARGET_DIR) $(TAURI) build --bundles deb
	@deb=$(TARGET_DIR)/release/bundle/deb/$(DEB_NAME); bin=$(TARGET_DIR)/release/farmstall-desktop; \
	size=$$(stat -c %s "$$deb"); \
	echo "package: $$deb"; \
	awk -v deb="$$size" -v bin="$$(stat -c %s "$$bin")" \
		'BEGIN { printf "  .deb %.1f MB (%d bytes), binary %.1f MB\n", deb / 1e6, deb, bin / 1e6 }'; \
	if [ "$$size" -gt $(DEB_MAX_BYTES) ]; then \
		echo "package: the .deb is over the limit of $(DEB_MAX_BYTES) bytes"; exit 1; fi

## package-test: bundle the dev build the end-to-end tests run (no second build: the packaging, the menu
## entry, installing, starting and removing are what is tested; `make package` differs only in the
## binary's profile and features), install it, start it as its desktop entry says under Xvfb, then
## remove it (tests/package/install-test.sh; needs root or sudo)
package-test: deps-system deps-toolchain desktop
	cd src-tauri && CARGO_TARGET_DIR=$(TARGET_DIR) $(TAURI) bundle --debug --bundles deb
	tests/package/install-test.sh $(TARGET_DIR)/debug/bundle/deb/$(DEB_NAME)

## bench: criterion benchmarks (not part of `make test`)
bench:
	cargo bench -p farmstall-app --bench shop
	cargo bench -p farmstall-app --bench sync
	cargo bench -p farmstall-app --bench imports
	cargo bench -p farmstall-app --bench reports
	cargo bench -p farmstall-app --bench backup
	cargo bench -p farmstall-app --bench speed
	cargo bench -p farmstall-documents --bench labels
	cargo bench -p farmstall-platform-files --bench read

## bench-start: start to a usable window of the release app on the generated five-year shop, against an
## empty Tauri 2 window built the same way (tests/bench-start/), medians of 5 by screenshots every 25 ms
## under Xvfb (not part of `make test`; the shop is the benchmarks' one, generated once when missing).
## Debian's python3 (not a python3 earlier on PATH) is the one with python3-pil.
BENCH_SHOP ?= $(TARGET_DIR)/bench-shops/shop-5y-100000.db
EMPTY_WINDOW := tests/bench-start/empty-window
bench-start: deps-system deps-toolchain ui
	cd src-tauri && CARGO_TARGET_DIR=$(TARGET_DIR) $(TAURI) build --no-bundle
	cd $(EMPTY_WINDOW) && CARGO_TARGET_DIR=$(TARGET_DIR) $(TAURI) build --no-bundle
	/usr/bin/python3 tests/bench-start/bench_start.py --shop $(BENCH_SHOP) --out $(TARGET_DIR)/bench-start \
		--app $(TARGET_DIR)/release/farmstall-desktop --empty $(TARGET_DIR)/release/farmstall-bench-empty-window

## bindings: regenerate ui/src/bindings.ts from the Rust IPC types
bindings:
	UPDATE_BINDINGS=1 cargo test -p farmstall-app --test bindings

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
