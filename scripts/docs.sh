#!/usr/bin/env bash
# Builds the documentation site (mdBook) into build/docs-site: `make docs`.
#
# 1. installs the pinned mdBook CLI into the tools dir if needed (scripts/setup.sh docs);
# 2. copies docs/ (the book's sources, docs/book.toml) and CHANGELOG.md to build/docs-src;
# 3. generates build/docs-src/reference/ there, so nothing generated lands in docs/: a JSON
#    Schema of every operation's request and response from the Rust types
#    (asf-core/examples/schemas.rs), a page per operation, and the table of the default
#    rulebook's legal parameters (scripts/doc_reference.py);
# 4. mdbook build.
#
# The snippets of the pages are run by scripts/doc_snippets.py (`scripts/test.sh docs`).
#   scripts/docs.sh              build the site
#   scripts/docs.sh --snippets   run every docs snippet first (the `docs` stage of make test)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--snippets" ]; then
  python3 -m unittest discover -s tests/docs   # the runner's own tests
  python3 scripts/doc_snippets.py
fi
TOOLS="${ASF_TOOLS_DIR:-$HOME/.cache/asf-tools}"
export PATH="$TOOLS/bin:$PATH"

scripts/setup.sh docs
src=build/docs-src
rm -rf "$src" build/docs-site
mkdir -p "$src"
cp -r docs/. "$src/"
cp CHANGELOG.md build/CHANGELOG.md   # docs/changelog.md includes ../CHANGELOG.md
cargo run --locked -q -p asf-core --features schema --example schemas -- "$src/reference"
python3 scripts/doc_reference.py "$src/reference"
mdbook build "$src" --dest-dir "$PWD/build/docs-site"
test -f build/docs-site/index.html
# Every page of docs/ is in the table of contents (a page missing there is not published).
missing=$(cd docs && find . -name '*.md' ! -name SUMMARY.md | sed 's|^\./||' | sort |
  while read -r page; do grep -qF "($page)" SUMMARY.md || echo "$page"; done)
if [ -n "$missing" ]; then
  echo "docs: pages not in docs/SUMMARY.md, so not published: $missing" >&2
fi
echo "docs site: build/docs-site/index.html ($(find build/docs-site -name '*.html' | wc -l) HTML pages)"
