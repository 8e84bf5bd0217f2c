#!/usr/bin/env bash
# Copy the browser libraries pinned in package.json/package-lock.json from node_modules into
# docs/editor/, which every build publishes as it is under /editor/.
#   - ajv2020.min.js (ajv-dist) and js-yaml.min.js are small and committed; tests check that they
#     equal the npm packages' files byte for byte.
#   - Decap CMS (about 6 MB) is not committed: this script puts it in docs/editor/decap/ (ignored
#     by git). Without it /admin/ says how to install it; every other page is unaffected.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/decap-cms ] || [ "${1:-}" = "--fresh" ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
vendor=docs/editor
mkdir -p "$vendor/decap"
cp node_modules/ajv-dist/dist/ajv2020.min.js "$vendor/ajv2020.min.js"

cp node_modules/js-yaml/dist/js-yaml.min.js "$vendor/js-yaml.min.js"
cp node_modules/js-yaml/LICENSE "$vendor/js-yaml.LICENSE.txt"
rm -f "$vendor"/decap/*
# The main bundle and the chunks it loads on demand; no source maps (25 MB) and no WebAssembly
# (image processing for media uploads, which the catalogue does not use).
cp node_modules/decap-cms/dist/decap-cms.js node_modules/decap-cms/dist/*.decap-cms.js "$vendor/decap/"
cp node_modules/decap-cms/dist/decap-cms.js.LICENSE.txt "$vendor/decap/"

echo "vendored: $(du -sh "$vendor/decap" | cut -f1) Decap CMS $(node -p 'require("./node_modules/decap-cms/package.json").version'), ajv-dist $(node -p 'require("./node_modules/ajv-dist/package.json").version'), js-yaml $(node -p 'require("./node_modules/js-yaml/package.json").version')"
