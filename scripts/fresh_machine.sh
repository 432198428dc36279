#!/usr/bin/env bash
# CI (.ci/run) as a new user's machine would run it (issue 19): a minimal Debian bookworm chroot holding only
# python3, python3-venv, make, git and the system packages README.md names, a clean clone of the committed HEAD
# (not the working tree), ../shared beside it read-only, an empty HOME. The machines we develop on have packages
# installed by hand, so the tests passing there says nothing about a fresh one.
#
#   scripts/fresh_machine.sh [--rebuild] [COMMAND...]     (as root; COMMAND defaults to `bash .ci/run`)
#
# The chroot is built once with debootstrap (apt-get install debootstrap) under /var/tmp/hanyeong-fresh and reused;
# --rebuild throws it away first, and so does a change of README's package lists. Every run clones afresh. The output
# is also written to /var/tmp/hanyeong-fresh/logs/; the exit code is COMMAND's. e.g. `scripts/fresh_machine.sh make
# install` checks only the installation.
set -euo pipefail

BASE=/var/tmp/hanyeong-fresh  # outside the repository: the chroot is ~1 GB, and several once the venv is in it
ROOT=$BASE/root
MIRROR=http://deb.debian.org/debian
REPO=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)

REBUILD=0
if [[ ${1-} == --rebuild ]]; then REBUILD=1; shift; fi
CMD=("$@"); [[ ${#CMD[@]} -gt 0 ]] || CMD=(bash .ci/run)
[[ $EUID -eq 0 ]] || { echo "fresh_machine.sh: needs root (debootstrap, chroot, mount)" >&2; exit 2; }

# The packages come from README.md at HEAD, so that the check is of what the README tells a user: the tests' list
# ("need only `...`") and the one for the machine that runs `make package`, which .ci/run does ("on a bare system:
# `apt-get install ...`"). Newlines become spaces, since the README wraps these lists.
readme=$(git -C "$REPO" show HEAD:README.md | tr '\n' ' ')
tests_packages=$(grep -o 'need only `[^`]*`' <<<"$readme" | head -1 | cut -d'`' -f2 || true)
package_packages=$(grep -o 'on a bare system: `apt-get install [^`]*`' <<<"$readme" | head -1 | cut -d'`' -f2 || true)
package_packages=${package_packages#apt-get install }
[[ -n $tests_packages && -n $package_packages ]] || { echo "fresh_machine.sh: README.md's package lists not found" >&2; exit 2; }
PACKAGES=$(echo python3 python3-venv make git $tests_packages $package_packages)

# Everything mounted under the chroot, deepest first. Lazy, so that a process still holding a file cannot keep
# /dev or /sys bound in there (rm -rf would then reach the host's).
unmount_all() {
    { findmnt -rn -o TARGET | grep "^$ROOT/" || true; } | sort -r | while read -r m; do umount -l "$m"; done
}
trap unmount_all EXIT

mount_system() {
    mount -t proc proc "$ROOT/proc"
    # rslave: unmounting the copies must not unmount the host's /dev/pts, /dev/shm or /sys/fs/cgroup
    for d in sys dev; do mount --rbind "/$d" "$ROOT/$d"; mount --make-rslave "$ROOT/$d"; done
    cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
}

unmount_all  # what an interrupted run may have left
if [[ $REBUILD == 1 || "$(cat "$ROOT/.hanyeong-packages" 2>/dev/null)" != "$PACKAGES" ]]; then
    echo "== building the chroot in $ROOT: $PACKAGES"
    rm -rf --one-file-system "$ROOT"
    mkdir -p "$ROOT"
    debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR"
    printf 'deb %s bookworm bookworm-updates main\ndeb http://deb.debian.org/debian-security bookworm-security main\n' \
        "$MIRROR" > "$ROOT/etc/apt/sources.list"
    mount_system
    # No recommends: exactly the packages named and what they depend on, nothing that might hide a missing one.
    chroot "$ROOT" apt-get update -q
    DEBIAN_FRONTEND=noninteractive chroot "$ROOT" apt-get install -y -q --no-install-recommends $PACKAGES
    chroot "$ROOT" apt-get clean
    # Some networks (this sandbox's) re-sign TLS with a CA of their own, which the host trusts through
    # /usr/local/share/ca-certificates; without it pip cannot reach PyPI. A user's machine needs none of this.
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
        cp /usr/local/share/ca-certificates/*.crt "$ROOT/usr/local/share/ca-certificates/"
        chroot "$ROOT" update-ca-certificates >/dev/null
    fi
    echo "$PACKAGES" > "$ROOT/.hanyeong-packages"  # written last: a build cut short is redone next time
    unmount_all
fi

mount_system
rm -rf --one-file-system "$ROOT/work" "$ROOT/tmp"
mkdir -p "$ROOT/work/shared" "$ROOT/work/home" "$ROOT/tmp"
chmod 1777 "$ROOT/tmp"
git clone --quiet --no-local "$REPO" "$ROOT/work/main"  # HEAD as committed; --no-local: no hard links into ours
if [[ -d $REPO/../shared ]]; then
    mount --bind "$REPO/../shared" "$ROOT/work/shared"
    mount -o remount,bind,ro "$ROOT/work/shared"  # read-only: CI must not write into the shared data
fi

mkdir -p "$BASE/logs"
log=$BASE/logs/$(date +%Y%m%d-%H%M%S).log
echo "== $(git -C "$ROOT/work/main" log -1 --format='%h %s' | cut -c1-100); running: ${CMD[*]}; log: $log" | tee "$log"
# A clean environment (env -i), as a fresh login would have. PIP_CERT: pip, once it has upgraded itself in the venv,
# uses its own CA list, not Debian's; the system list is the one that holds a re-signing network's CA (see above).
set +e
chroot "$ROOT" /usr/bin/env -i HOME=/work/home CI=true TERM=dumb PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/sh -c 'cd /work/main && exec "$@"' sh "${CMD[@]}" 2>&1 | tee -a "$log"
rc=${PIPESTATUS[0]}
echo "== exit code $rc (log: $log)" | tee -a "$log"
exit "$rc"
