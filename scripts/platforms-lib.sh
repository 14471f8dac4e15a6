# Sourced by the scripts/platforms*.sh builds after they set `tag` (their name in messages): the
# checkout as working directory, the download cache (target/platforms-cache, nothing outside the
# checkout), a step timer that prints each step's seconds, and `fail`.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
cache=$root/target/platforms-cache
mkdir -p "$cache"
started=$SECONDS
last=$SECONDS
step() {
  printf '%s: %-*s %4ss\n' "$tag" $((80 - ${#tag})) "$1" "$((SECONDS - last))"
  last=$SECONDS
}
fail() {
  echo "$tag: $*" >&2
  exit 1
}

# Installs the Debian packages given that are missing (as root; otherwise fails naming them).
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || fail "missing Debian packages and not root: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  step "apt: ${#missing[@]} of $# packages installed"
}
