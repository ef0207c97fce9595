#!/usr/bin/env bash
# Installs everything the project needs to build, test and benchmark on Debian 12:
# the Debian packages, the chart libraries the HTML report inlines (npm, into an ignored
# folder) and the root .gitignore entries. Idempotent, and silent when nothing is missing.
#
# Usage: scripts/setup.sh [--postgres]
#   --postgres   also start the local PostgreSQL test database (scripts/start-postgres.sh)
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly repo_root

# Everything the build, the tests and the benchmarks use. libopenblas0-openmp must be named
# explicitly or libtorch falls back to the reference BLAS (4-5x slower); the xgboost CLI
# package is what makes find_package(xgboost) work.
readonly DEBIAN_PACKAGES=(
  libtorch-dev libopenblas0-openmp libgloo-dev
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libcpp-httplib-dev
  libsqlite3-dev sqlite3 libpqxx-dev postgresql
  libeigen3-dev libtbb-dev libtomlplusplus-dev
  libfccp-dev libfast-float-dev libzstd-dev libxxhash-dev
  libgtest-dev libgmock-dev libbenchmark-dev wrk
  libxgboost-dev xgboost libopenmpi-dev openmpi-bin
  chromium python3-torch python3-pandas python3-sklearn
  cmake g++ make pkg-config git
)

readonly GITIGNORE_LINES=(
  'build/'
  'third_party/npm/node_modules/'
  '*.tmp-*'
  '/models/'
  '/out/'
  '__pycache__/'
  '/fincoach-demo/'
)

readonly NPM_DIR="$repo_root/third_party/npm"
readonly NPM_STAMP="$NPM_DIR/node_modules/.fincoach-lock-sha256"

say() { echo "setup: $*"; }
die() { echo "setup: error: $*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

# Prints the packages of "$@" that dpkg does not list as installed (one dpkg-query call).
missing_packages() {
  local -A installed=()
  local pkg status
  while read -r pkg status; do
    if [[ $status == installed ]]; then installed[${pkg%%:*}]=1; fi
  done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null || true)
  for pkg in "$@"; do
    [[ -n ${installed[$pkg]:-} ]] || echo "$pkg"
  done
}

apt_updated=0
apt_install() {
  say "installing Debian packages: $*"
  if [[ $apt_updated -eq 0 ]]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@"
}

install_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this script expects Debian 12"
  local missing
  mapfile -t missing < <(missing_packages "${DEBIAN_PACKAGES[@]}")
  if [[ ${#missing[@]} -gt 0 ]]; then
    apt_install "${missing[@]}"
  fi
  # A nodejs from another source may already bundle npm; Debian's npm would conflict with it.
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
}

# Installs the pinned chart libraries from package-lock.json unless node_modules already
# matches it (a stamp file holds the hash of the lock it was installed from).
install_npm_assets() {
  local lock="$NPM_DIR/package-lock.json"
  [[ -f $NPM_DIR/package.json ]] || die "missing $NPM_DIR/package.json"
  [[ -f $lock ]] || die "missing $lock (create it with: cd third_party/npm && npm install)"
  local want have=""
  want=$(sha256sum "$lock" | cut -d' ' -f1)
  [[ -f $NPM_STAMP ]] && have=$(<"$NPM_STAMP")
  [[ $want == "$have" ]] && return 0

  say "installing report chart libraries (npm ci in third_party/npm)"
  local log
  log=$(mktemp)
  if ! (cd "$NPM_DIR" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "npm ci failed in $NPM_DIR"
  fi
  rm -f "$log"
  echo "$want" >"$NPM_STAMP"
}

# Creates the root .gitignore, or appends only the lines it lacks.
ensure_gitignore() {
  local file="$repo_root/.gitignore" line added=()
  touch "$file"
  for line in "${GITIGNORE_LINES[@]}"; do
    grep -qxF -- "$line" "$file" || added+=("$line")
  done
  [[ ${#added[@]} -eq 0 ]] && return 0
  # Keep the file newline-terminated before appending.
  if [[ -n $(tail -c1 "$file") ]]; then echo >>"$file"; fi
  printf '%s\n' "${added[@]}" >>"$file"
  say "added to .gitignore: ${added[*]}"
}

main() {
  local start_postgres=0 arg
  for arg in "$@"; do
    case $arg in
      --postgres) start_postgres=1 ;;
      -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; return 0 ;;
      *) die "unknown argument '$arg' (try --help)" ;;
    esac
  done
  install_debian_packages
  install_npm_assets
  ensure_gitignore
  if [[ $start_postgres -eq 1 ]]; then
    bash "$repo_root/scripts/start-postgres.sh"
  fi
}

main "$@"
