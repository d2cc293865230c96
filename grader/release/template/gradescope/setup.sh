#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image (Ubuntu), with the zip unpacked
# in /autograder/source. It installs Node.js 20 and the course's exact dependencies.
set -euo pipefail
apt-get update
apt-get install -y ca-certificates curl gnupg
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y nodejs
cd /autograder/source
npm ci --no-audit --no-fund
