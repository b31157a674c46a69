#!/usr/bin/env bash
# Installs what the build and the tests need, from package registries only. Idempotent:
# a step whose result is already there is skipped, so a warm run takes seconds.
#
#   scripts/setup.sh            everything (wasm target, wasm-bindgen CLI, mdBook CLI, venv, npm, chromium)
#   scripts/setup.sh rust       only the Rust part (what `make demo` needs)
#   scripts/setup.sh fuzz       the nightly toolchain and cargo-fuzz (what `make fuzz` needs)
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${ASF_TOOLS_DIR:-$HOME/.cache/asf-tools}"
what="${1:-all}"

stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

step() {
  local name=$1
  shift
  local t0=$SECONDS
  "$@"
  echo "setup: $name ($((SECONDS - t0)) s)"
}

wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
}

wasm_bindgen_cli() {
  # The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
  [ -n "$want" ] || { echo "wasm-bindgen not found in Cargo.lock" >&2; return 1; }
  if [ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    # Without --locked: the CLI's own lockfile pins a crate version the registry no longer serves.
    cargo install -q wasm-bindgen-cli --version "=$want" --root "$TOOLS"
  fi
}

mdbook_cli() {
  # The docs site builder (`make docs`), pinned like the wasm-bindgen CLI. Only the `search`
  # feature: `serve`/`watch` pull in an HTTP server and a file watcher nobody here uses.
  local want=0.5.4
  if [ "$("$TOOLS/bin/mdbook" --version 2>/dev/null)" != "mdbook v$want" ]; then
    cargo install -q mdbook --version "=$want" --locked --no-default-features --features search --root "$TOOLS"
  fi
}

# cargo-fuzz, pinned, into the tools dir; fuzzing needs the nightly toolchain (libFuzzer
# and the sanitizers), installed explicitly because RUSTUP_AUTO_INSTALL may be off.
CARGO_FUZZ_VERSION=0.13.2
nightly_toolchain() {
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
}

cargo_fuzz() {
  if [ "$("$TOOLS/bin/cargo-fuzz" --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    cargo install -q cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked --root "$TOOLS"
  fi
}

python_venv() {
  local key
  key=$(cat requirements-dev.txt tests/python/requirements.txt | sha256sum | cut -d' ' -f1)
  if ! stamp_ok .venv/.asf-stamp "$key" || ! .venv/bin/python -c 'import sys' 2>/dev/null; then
    python3 -m venv --clear .venv
    .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
    echo "$key" > .venv/.asf-stamp
  fi
}

npm_packages() {
  local key
  key=$(sha256sum package-lock.json | cut -d' ' -f1)
  if ! stamp_ok node_modules/.asf-stamp "$key"; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$key" > node_modules/.asf-stamp
  fi
}

chromium_browser() {
  if ! command -v chromium >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  fi
}

case "$what" in
  rust) ;;
  docs) step "mdBook CLI" mdbook_cli ;;
  fuzz)
    step "nightly toolchain" nightly_toolchain
    step "cargo-fuzz" cargo_fuzz
    ;;
  all)
    step "wasm32 target" wasm_target
    step "wasm-bindgen CLI" wasm_bindgen_cli
    step "mdBook CLI" mdbook_cli
    step "python venv" python_venv
    step "npm packages" npm_packages
    step "chromium" chromium_browser
    ;;
  *) echo "usage: scripts/setup.sh [all|rust|docs|fuzz]" >&2; exit 2 ;;
esac
