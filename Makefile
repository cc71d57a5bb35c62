# The commands users type. `make run` and `make test` set up what is missing first.
#   make run     build and print the Llama-3.1-8B on H100 roofline scorecard
#   make test    build and run every test, then the C++ tests again under ASan + UBSan
#   make build   build the library, CLI, tests, examples and benchmarks (Release, build/), and
#                the Python package into .venv/ (`.venv/bin/python -c "import mlsysim"`)
#   make bench   run the benchmarks
#   make fuzz    build the libFuzzer targets (clang-14, ASan + UBSan) into build-fuzz/
#   make fuzz-run SECONDS=N   run each fuzz target N seconds on its corpus; non-zero on a finding
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
SECONDS    ?= 60
JOBS       ?= $(shell nproc)
CMAKE_FLAGS ?=
# Paths relative to each build directory, so build/ and the Python package's build-py/ share
# ccache entries (the library is compiled once).
export CCACHE_BASEDIR ?= $(CURDIR)

.PHONY: all setup setup-fuzz configure build python run test test-release test-python test-asan bench fuzz fuzz-run \
        format clean

all: build

setup:
	@scripts/setup.sh

$(BUILD)/build.ninja: | setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DMLSYSIM_WERROR=ON $(CMAKE_FLAGS) > /dev/null

configure: $(BUILD)/build.ninja

build: setup configure
	@cmake --build $(BUILD) -j $(JOBS) -- --quiet >&2
	@JOBS=$(JOBS) scripts/python_env.sh install

python: setup
	@JOBS=$(JOBS) scripts/python_env.sh install

run: build
	@./$(BUILD)/mlsysim eval Llama3_8B H100

test: test-release test-python test-asan

test-release: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# pytest in .venv, then `pip install .` in a throwaway virtual environment.
test-python: build
	@JOBS=$(JOBS) scripts/python_env.sh test

$(ASAN_BUILD)/build.ninja: | setup
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMLSYSIM_SANITIZE=ON \
	  -DMLSYSIM_WERROR=ON -DMLSYSIM_BUILD_BENCH=OFF $(CMAKE_FLAGS) > /dev/null

test-asan: setup $(ASAN_BUILD)/build.ninja
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -L 'unit|conformance|cli|example|fuzz'

# The fuzz build: the library instrumented for libFuzzer, ASan and UBSan; one fuzz_<target> each.
setup-fuzz:
	@scripts/setup.sh fuzz

$(FUZZ_BUILD)/build.ninja: | setup-fuzz
	@CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" \
	  -DMLSYSIM_FUZZ=ON -DMLSYSIM_WERROR=ON \
	  -DMLSYSIM_BUILD_TESTS=OFF -DMLSYSIM_BUILD_BENCH=OFF -DMLSYSIM_BUILD_EXAMPLES=OFF \
	  -DMLSYSIM_BUILD_CLI=OFF $(CMAKE_FLAGS) > /dev/null

fuzz: setup-fuzz $(FUZZ_BUILD)/build.ninja
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)

fuzz-run: fuzz
	@scripts/fuzz_run.sh $(FUZZ_BUILD) $(SECONDS)

bench: build
	@./$(BUILD)/bench/mlsysim_bench

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) build-py
