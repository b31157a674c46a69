#!/usr/bin/env bash
# Builds the browser package into asf-wasm/pkg: cargo (wasm profile) -> wasm-bindgen (web
# target) -> wasm-opt -Oz (npm binaryen; never Debian's, see docs/development.md) -> the
# JS wrapper and types. Prints the module size, raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${ASF_TOOLS_DIR:-$HOME/.cache/asf-tools}"
export PATH="$TOOLS/bin:$PATH"

cargo build --locked -q -p asf-wasm --target wasm32-unknown-unknown --profile wasm
raw=target/wasm32-unknown-unknown/wasm/asf_wasm.wasm
out=asf-wasm/pkg
rm -rf build/wasm-bindgen "$out"
mkdir -p "$out"
wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir build/wasm-bindgen "$raw"
node_modules/.bin/wasm-opt -Oz build/wasm-bindgen/asf_wasm_bg.wasm -o "$out/asf_wasm_bg.wasm"
cp build/wasm-bindgen/asf_wasm.js build/wasm-bindgen/asf_wasm.d.ts build/wasm-bindgen/asf_wasm_bg.wasm.d.ts "$out/"
cp asf-wasm/js/index.js asf-wasm/js/index.d.ts asf-wasm/js/codes.d.ts asf-wasm/js/package.json "$out/"
size=$(wc -c < "$out/asf_wasm_bg.wasm")
gz=$(gzip -9c "$out/asf_wasm_bg.wasm" | wc -c)
echo "wasm module: $size bytes raw, $gz bytes gzipped (asf-wasm/pkg/asf_wasm_bg.wasm)"
