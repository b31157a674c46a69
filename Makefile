# The two commands of the README are `make demo` and `make test`.
.PHONY: demo test setup wasm wheel codes bench clean docs

demo:
	scripts/setup.sh rust
	cargo run --locked --release -q -p asf-core --example goal_report -- examples/data/ledger_sample.csv examples/data/register_sample.csv

test:
	scripts/test.sh

setup:
	scripts/setup.sh

# The documentation site (mdBook) into build/docs-site; installs the pinned mdBook if needed.
docs:
	scripts/docs.sh

wasm: setup
	scripts/build-wasm.sh

wheel: setup
	cd asf-py && ../.venv/bin/maturin build --locked --release -o ../build/wheels

# Regenerates the ProblemCode/Operation types of the Python and TypeScript packages.
codes:
	cargo run --locked -q -p asf-core --example catalogue | python3 scripts/gen_codes.py

clean:
	rm -rf build asf-wasm/pkg
