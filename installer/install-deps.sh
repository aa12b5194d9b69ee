#!/usr/bin/env bash
# Installs the Debian 12 packages the build and the tests need, with apt-get only.
# Idempotent: when every package is present it prints nothing and touches nothing.
set -euo pipefail

packages=(
  build-essential g++ cmake pkg-config
  libboost-dev            # Asio, Beast (terminal agent, sync, HQ)
  libsqlite3-dev          # terminal store
  libssl-dev              # SHA-256 bundle hashes, Ed25519, TLS
  libzxing-dev            # member QR codes
  libstb-dev              # PNG/JPEG read and PNG write for QR pictures (header-only use)
  nlohmann-json3-dev      # JSON at the edges (bundle loader, CLI, API)
  catch2                  # tests (Catch2 v2.13)
  libcli11-dev            # command lines
  libhowardhinnant-date-dev  # store time zones (at the edges; the engine stays pure)
  libbenchmark-dev        # benchmark programs
  strace                  # agent_benchmark: counts the agent's fsyncs per commit (skipped without it)
  libpq-dev               # HQ's PostgreSQL store (hq/store, libpq)
  postgresql              # PostgreSQL 15 server: HQ store tests start a throwaway one on loopback
  tzdata
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root (or install them with apt-get)" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
