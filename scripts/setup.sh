#!/usr/bin/env bash
# Installs the Debian packages mlsysim needs to build and test, when they are missing.
# Idempotent and quiet when everything is present.
set -euo pipefail

packages=(
  cmake g++ ninja-build ccache make
  libfmt-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3
  libcpp-httplib-dev
  clang-14 libfuzzer-14-dev llvm-14
  chromium chromium-driver python3-selenium
)

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
