# The two commands: `make run` and `make test`. Both set up what they need.

PORT ?= 8000
WASM := target/wasm32-unknown-unknown/release/neuroplay.wasm
PKG := www/pkg

.PHONY: run test build setup setup-test test-native test-wasm test-e2e vendor bench dist clean

run: build
	PORT=$(PORT) node tools/serve.mjs www

test: setup-test build test-native test-wasm test-e2e

setup:
	@tools/setup.sh build

setup-test:
	@tools/setup.sh test

build: setup
	cargo build --release --target wasm32-unknown-unknown
	wasm-bindgen --target web --no-typescript --out-dir $(PKG) $(WASM)
	@echo "wasm: $$(wc -c < $(PKG)/neuroplay_bg.wasm) bytes, $$(gzip -9 -c $(PKG)/neuroplay_bg.wasm | wc -c) gzipped"

test-native:
	cargo test

test-wasm:
	cargo test --release --target wasm32-unknown-unknown --test wasm

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
