#!/usr/bin/env bash
# Every test suite, in every language, against the built artefacts. Prints each stage's
# duration. `make test` runs this; so does .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${ASF_TOOLS_DIR:-$HOME/.cache/asf-tools}"
export PATH="$TOOLS/bin:$PATH"
export ASF_VECTOR_OUTPUTS="$PWD/build/vector-outputs/rust.json"
export ASF_REQUIRE_RUST_OUTPUTS=1
only="${1:-}"

declare -a timings=()
stage() {
  local name=$1
  shift
  if [ -n "$only" ] && [ "$only" != "$name" ]; then return 0; fi
  echo
  echo "==> $name"
  local t0=$SECONDS
  "$@"
  local dt=$((SECONDS - t0))
  timings+=("$name ${dt}s")
  echo "<== $name: ${dt} s"
}

setup() { scripts/setup.sh; }

rust() {
  rm -f "$ASF_VECTOR_OUTPUTS"
  cargo test --locked --workspace -q
  cargo clippy --locked --workspace --all-targets --features asf-core/schema -q -- -D warnings
}

core_has_no_binding_code() {
  # asf-core must not depend on any binding crate, directly or indirectly.
  local bad
  bad=$(cargo tree --locked -p asf-core -e normal --prefix none | grep -E '^(pyo3|wasm-bindgen|js-sys|web-sys|pythonize)' || true)
  if [ -n "$bad" ]; then
    echo "asf-core depends on binding crates:" >&2
    echo "$bad" >&2
    return 1
  fi
  echo "asf-core depends on no binding crate"
}

python() {
  rm -rf build/wheels
  (cd asf-py && ../.venv/bin/maturin build --locked --release -q -o ../build/wheels)
  # A fresh venv with only the wheel and the test tools: the tests see what users install.
  # uv reads the system certificate store, as pip does through its configuration here.
  export UV_NATIVE_TLS=1
  .venv/bin/uv venv -q --clear --python python3 build/py-test
  .venv/bin/uv pip install -q --python build/py-test/bin/python build/wheels/asf-*.whl -r tests/python/requirements.txt
  (cd tests/python && ../../build/py-test/bin/python -m pytest -q -p no:cacheprovider)
}

wasm() { scripts/build-wasm.sh; }

node_tests() { node --test tests/node/; }

typescript() { node_modules/.bin/tsc -p tests/ts/tsconfig.json && echo "TypeScript declarations check"; }

browser() { node --test tests/browser/; }

stage setup setup
stage rust rust
stage core-deps core_has_no_binding_code
stage python python
stage wasm wasm
stage node node_tests
stage typescript typescript
stage browser browser
stage docs scripts/docs.sh --snippets

echo
echo "stage durations: ${timings[*]}"
