# The two commands of the README are `make demo` and `make test`.
.PHONY: demo test setup wasm wheel codes bench clean fuzz

demo:
	scripts/setup.sh rust
	cargo run --locked --release -q -p asf-core --example goal_report -- examples/data/ledger_sample.csv examples/data/register_sample.csv

test:
	scripts/test.sh

setup:
	scripts/setup.sh

wasm: setup
	scripts/build-wasm.sh

wheel: setup
	cd asf-py && ../.venv/bin/maturin build --locked --release -o ../build/wheels

# Bounded fuzzing (ASF_FUZZ_SECONDS per target, default 60) on the nightly toolchain.
fuzz:
	scripts/fuzz.sh

# Regenerates the ProblemCode/Operation types of the Python and TypeScript packages.
codes:
	cargo run --locked -q -p asf-core --example catalogue | python3 scripts/gen_codes.py

clean:
	rm -rf build asf-wasm/pkg
