#!/usr/bin/env bash
# Installs the Debian packages mlsysim needs, when they are missing. Idempotent and quiet when
# everything is present.
#   scripts/setup.sh        what `make build` and `make test` need (the lab's HTTP library,
#                           Chromium and Selenium for its browser test included)
#   scripts/setup.sh fuzz   also clang-14 with libFuzzer, for `make fuzz` (the corpus replay in
#                           `make test` runs in the gcc sanitizer build and needs none of it)
set -euo pipefail

packages=(
  cmake g++ ninja-build ccache make
  libfmt-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3
  libcpp-httplib-dev
  chromium chromium-driver python3-selenium
)
if [ "${1:-}" = "fuzz" ]; then
  # libclang-rt-14-dev holds the libFuzzer and sanitizer runtimes clang links with.
  packages+=(clang-14 libfuzzer-14-dev libclang-rt-14-dev llvm-14)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/mlsysim-apt.log 2>&1; then
  $sudo apt-get update -qq >/tmp/mlsysim-apt.log 2>&1
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" >>/tmp/mlsysim-apt.log 2>&1 || {
    tail -20 /tmp/mlsysim-apt.log >&2
    exit 1
  }
fi
