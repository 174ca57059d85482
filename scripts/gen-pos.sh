#!/usr/bin/env bash
# Regenerates src/lexicon/data/pos.tsv.gz from WordNet 3.0 (Debian package wordnet-base).
# Installs wordnet-base first when /usr/share/wordnet/index.verb is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
if [ ! -f /usr/share/wordnet/index.verb ]; then
  echo "gen-pos: installing wordnet-base" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq >/dev/null
  $sudo_cmd apt-get install -y -qq wordnet-base >/dev/null
fi
exec python3 scripts/gen_pos.py "$@"
