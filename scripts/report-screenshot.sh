#!/usr/bin/env bash
# Regenerates docs/report.png, the README's screenshot of the HTML report of
# corpus/: renders it in headless Chromium (apt-get install -y chromium, or
# set CHROMIUM) with the worst document open and a finding hovered.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p doclint-cli --test html_report -- --ignored --exact readme_screenshot
echo "wrote docs/report.png"
