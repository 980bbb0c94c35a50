#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine; does nothing for what is already there.
# Verilator comes from the distribution (Debian 12: 5.006).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=no
apt_install() {
  if [ "$apt_updated" = no ]; then
    as_root apt-get update -q
    apt_updated=yes
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

if ! command -v verilator >/dev/null 2>&1; then
  echo "install-test-deps: installing Verilator (apt)"
  apt_install verilator
fi
verilator --version

# tclsh runs the generated Vivado/Quartus scripts against recording stand-ins in the tests.
if ! command -v tclsh >/dev/null 2>&1; then
  echo "install-test-deps: installing tclsh (apt)"
  apt_install tcl
fi

# Headless Chromium opens report.html in the report tests (loads, no console errors, every section).
if ! [ -x /usr/bin/chromium ]; then
  echo "install-test-deps: installing Chromium (apt)"
  apt_install chromium
fi
# yosys synthesises engines and boards to check the planner's LUT/DSP/memory estimates
# (Debian 12: 0.23).
if ! command -v yosys >/dev/null 2>&1; then
  echo "install-test-deps: installing yosys (apt)"
  apt_install yosys
fi
yosys -V

# Further fetchers (test models and data) live beside this script, one per source.
for fetch in "$root"/scripts/fetch-*.sh; do
  [ -e "$fetch" ] || continue
  "$fetch"
done
