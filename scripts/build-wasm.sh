#!/usr/bin/env bash
# Builds the browser packages: cargo (profile `wasm`) -> wasm-bindgen (web target) ->
# wasm-opt -Oz (npm binaryen; never Debian's, see docs/development.md) -> the JS wrapper and
# types. Two builds of the same code:
#   asf-wasm/pkg        package `asf`: every operation
#   asf-wasm/pkg-forms  package `asf-forms`: what a browser form needs (no file readers, no
#                       goal follow-up); this is the one the bid form loads
# Prints each module's size, raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${ASF_TOOLS_DIR:-$HOME/.cache/asf-tools}"
export PATH="$TOOLS/bin:$PATH"

build() {
  local out=$1 name=$2
  shift 2
  cargo build --locked -q -p asf-wasm --target wasm32-unknown-unknown --profile wasm "$@"
  local raw=target/wasm32-unknown-unknown/wasm/asf_wasm.wasm
  rm -rf "build/wasm-bindgen/$name" "$out"
  mkdir -p "$out"
  wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir "build/wasm-bindgen/$name" "$raw"
  node_modules/.bin/wasm-opt -Oz "build/wasm-bindgen/$name/asf_wasm_bg.wasm" -o "$out/asf_wasm_bg.wasm"
  cp "build/wasm-bindgen/$name"/{asf_wasm.js,asf_wasm.d.ts,asf_wasm_bg.wasm.d.ts} "$out/"
  cp asf-wasm/js/index.js asf-wasm/js/index.d.ts asf-wasm/js/codes.d.ts "$out/"
  sed "s/\"name\": \"asf\"/\"name\": \"$name\"/" asf-wasm/js/package.json > "$out/package.json"
  # The Operation type lists the operations this build has (asf-forms has fewer).
  node --input-type=module -e "
    import { readFileSync, writeFileSync } from 'node:fs';
    const m = await import('./$out/index.js');
    m.initSync(readFileSync('$out/asf_wasm_bg.wasm'));
    const ops = m.operations();
    const path = '$out/codes.d.ts';
    const text = readFileSync(path, 'utf8').replace(/export type Operation =[^;]*;/, 'export type Operation =\\n' + ops.map((o) => '  | \"' + o + '\"').join('\\n') + ';');
    writeFileSync(path, text);
  "
  local size gz
  size=$(wc -c < "$out/asf_wasm_bg.wasm")
  gz=$(gzip -9c "$out/asf_wasm_bg.wasm" | wc -c)
  echo "wasm module $name: $size bytes raw, $gz bytes gzipped ($out/asf_wasm_bg.wasm)"
}

build asf-wasm/pkg asf
build asf-wasm/pkg-forms asf-forms --no-default-features --features forms
