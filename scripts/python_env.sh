#!/usr/bin/env bash
# The Python side of `make build` / `make test`.
#   scripts/python_env.sh install   .venv/ (git-ignored) with the dependencies and `mlsysim`
#                                   installed from this tree (`pip install .`, no build isolation,
#                                   incremental in build-py/ and ccache-backed)
#   scripts/python_env.sh test      pytest (tests/python) in .venv, then the proof that a plain
#                                   `pip install .` works in a throwaway virtual environment
# PYTHON selects the interpreter that creates the venvs (default python3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
venv="$root/.venv"
jobs="${JOBS:-$(nproc)}"
export CMAKE_BUILD_PARALLEL_LEVEL="$jobs"
if command -v ccache >/dev/null 2>&1; then
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache
  # Paths relative to the build directory, so build/ and build-py/ share cached objects.
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"
fi

deps=(numpy pint pandas matplotlib "dask[distributed]" pytest "pybind11>=2.11" "scikit-build-core>=0.8")

ensure_venv() {
  if [ ! -x "$venv/bin/python" ]; then
    echo "python: creating .venv" >&2
    "$python" -m venv "$venv"
  fi
  local stamp="$venv/.mlsysim-deps"
  local want
  want="$(printf '%s\n' "${deps[@]}" | sha1sum | cut -c1-12)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "python: installing ${deps[*]} into .venv" >&2
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "${deps[@]}"
    echo "$want" >"$stamp"
  fi
}

install_package() {
  # Same flags as the C++ build (Release, -Werror), so ccache serves the library's objects.
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation --no-deps \
    --config-settings=build-dir=build-py \
    --config-settings=cmake.define.MLSYSIM_WERROR=ON \
    "$root" >&2
}

case "${1:-install}" in
  install)
    ensure_venv
    install_package
    ;;
  test)
    ensure_venv
    # `make build` installed it; install again only when it is missing.
    "$venv/bin/python" -c "import mlsysim" 2>/dev/null || install_package
    (cd "$root" && "$venv/bin/python" -m pytest -q tests/python)
    # The proof: a fresh virtual environment, a plain `pip install .` (build isolation, the
    # dependencies from PyPI), then the seed examples run from outside the tree.
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp" "$root/build-pyproof"' EXIT
    rm -rf "$root/build-pyproof"  # its CMake cache would name a build environment pip deleted
    "$python" -m venv "$tmp/venv"
    echo "python: pip install . in a throwaway venv" >&2
    # MLSYSIM_WERROR only keeps the compile line identical to build-py/'s, so ccache serves the
    # library's objects instead of compiling them a third time; the package is the same.
    "$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check \
      --config-settings=build-dir="$root/build-pyproof" \
      --config-settings=cmake.define.MLSYSIM_WERROR=ON "$root" >&2
    (cd "$tmp" && "$tmp/venv/bin/python" "$root/tests/python/seed_examples.py")
    ;;
  *)
    echo "usage: $0 install|test" >&2
    exit 2
    ;;
esac
