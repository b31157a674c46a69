# The two commands of the README are `make demo` and `make test`.
.PHONY: demo test setup wasm wheel codes bench bench-native bench-browser clean docs fuzz

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

# Benchmarks (release builds, one core each): figures side by side with their targets.
# Recorded in docs/benchmarks.md with the machine.
bench: bench-native bench-browser

bench-native:
	cargo run --locked --release -q -p asf-core --example bench_bid_validate
	cargo run --locked --release -q -p asf-core --example bench_decisions
	cargo run --locked --release -q -p asf-core --example bench_de_minimis_audit
	cargo run --locked --release -q -p asf-core --example bench_goals -- 10000000
	@if [ -f ../shared/data/upphandlingsmyndigheten/number_of_procurements_2021.csv.gz ]; then \
	  cargo run --locked --release -q -p asf-core --example procurements -- ../shared/data/upphandlingsmyndigheten/number_of_procurements_2021.csv.gz; \
	else echo "procurements: ../shared/data absent, skipped"; fi

bench-browser: wasm
	node benches/browser.mjs

# Bounded fuzzing (ASF_FUZZ_SECONDS per target, default 60) on the nightly toolchain.
fuzz:
	scripts/fuzz.sh

# Regenerates the ProblemCode/Operation types of the Python and TypeScript packages.
codes:
	cargo run --locked -q -p asf-core --example catalogue | python3 scripts/gen_codes.py

clean:
	rm -rf build asf-wasm/pkg
