# The two commands: `make run` and `make test`. Both set up what they need.

PORT ?= 8000
PKG := www/pkg
# Three builds of the engine; the page loads the best one the browser
# validates: relaxed SIMD (fused multiply-add), SIMD128, or none.
SIMD := -C target-feature=+simd128
RELAXED := -C target-feature=+simd128,+relaxed-simd
SCALAR := -C target-feature=-simd128

.PHONY: run test build setup setup-test test-native test-hub test-wasm test-e2e vendor bench dist clean models

run: build
	PORT=$(PORT) node tools/serve.mjs www

test: setup-test build vendor test-native test-hub test-wasm test-e2e

setup:
	@tools/setup.sh build

setup-test:
	@tools/setup.sh test

build: setup
	RUSTFLAGS="$(SIMD)" cargo build --release --target wasm32-unknown-unknown --target-dir target/simd
	RUSTFLAGS="$(RELAXED)" cargo build --release --target wasm32-unknown-unknown --target-dir target/relaxed
	RUSTFLAGS="$(SCALAR)" cargo build --release --target wasm32-unknown-unknown --target-dir target/scalar
	@for v in simd relaxed scalar; do \
	  wasm-bindgen --target web --no-typescript --out-dir target/pkg-$$v target/$$v/wasm32-unknown-unknown/release/neuroplay.wasm || exit 1; \
	done
	@cmp -s target/pkg-simd/neuroplay.js target/pkg-relaxed/neuroplay.js && cmp -s target/pkg-simd/neuroplay.js target/pkg-scalar/neuroplay.js \
	  || { echo "the three builds need different bindings"; exit 1; }
	@rm -rf $(PKG) && mkdir -p $(PKG) && cp target/pkg-simd/neuroplay.js $(PKG)/
	@for v in simd relaxed scalar; do cp target/pkg-$$v/neuroplay_bg.wasm $(PKG)/neuroplay_$$v.wasm; done
	@for v in simd relaxed scalar; do \
	  echo "wasm ($$v): $$(wc -c < $(PKG)/neuroplay_$$v.wasm) bytes, $$(gzip -9 -c $(PKG)/neuroplay_$$v.wasm | wc -c) gzipped"; \
	done

test-native:
	cargo test

# Exported folders checked by Hugging Face's own libraries (Python, no
# PyTorch; setup-test makes .tools/venv), then folders that Python wrote
# imported by the engine. The examples build with the test profile (optimised),
# reusing what test-native built.
test-hub:
	@tools/setup.sh python
	@d=$$(mktemp -d) && cargo run --profile test --example hub_export -- $$d \
	  && .tools/venv/bin/python tools/hub_check.py $$d \
	  && cargo run --profile test --example hub_import -- $$d/from-python; s=$$?; rm -rf $$d; exit $$s

# The gallery of ready models the #/hub chapter ships (www/models/: one zip
# per model and index.json), trained natively from fixed links and seeds;
# tests/models.rs checks the committed files equal what this builds.
models:
	cargo run --profile test --example models

# In headless Chromium (webdriver.json), once per build.
test-wasm:
	CHROMEDRIVER=$${CHROMEDRIVER:-/usr/bin/chromedriver} RUSTFLAGS="$(RELAXED)" cargo test --release --target wasm32-unknown-unknown --target-dir target/relaxed --test wasm
	CHROMEDRIVER=$${CHROMEDRIVER:-/usr/bin/chromedriver} RUSTFLAGS="$(SIMD)" cargo test --release --target wasm32-unknown-unknown --target-dir target/simd --test wasm
	CHROMEDRIVER=$${CHROMEDRIVER:-/usr/bin/chromedriver} RUSTFLAGS="$(SCALAR)" cargo test --release --target wasm32-unknown-unknown --target-dir target/scalar --test wasm

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

vendor:
	@tools/setup.sh npm
	node tools/vendor.mjs

bench: build vendor
	@tools/setup.sh bench
	cargo build --release --bench train
	node tools/bench.mjs

dist: build vendor
	rm -rf dist && mkdir -p dist
	cp -r www/. dist/
	@echo "dist/ holds the whole site; serve it from any static host."

clean:
	cargo clean
	rm -rf $(PKG) dist www/vendor
