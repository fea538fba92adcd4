#!/usr/bin/env bash
# Rebuild docs/gallery/: the reports a policy advisor can look at before installing avesim —
# the seven regions side by side, the VHH manager's "+200%" as a sweep, the study's
# recommendations against Leeuwarden (the README's worked example 2), the Leeuwarden
# baseline, and `avesim advise breda` (which recommendation helps Breda most) — and, for
# trainers, one family's story with and without agreed criteria and a year at the desks with
# the manager's +200% beside it — in Dutch and in English. Run from anywhere:
# bash docs/gallery/make.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet
bin=target/release/avesim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
recommendations=(scenarios/leeuwarden.toml scenarios/what-if/shared-system.toml
  scenarios/what-if/feedback-agreements.toml scenarios/what-if/contact-person.toml
  scenarios/what-if/operational-feedback.toml scenarios/what-if/visiting-days.toml
  scenarios/what-if/no-agreed-criteria.toml scenarios/what-if/no-advice.toml
  scenarios/what-if/vhh-capacity-plus-25.toml)
regions=(scenarios/leeuwarden.toml scenarios/breda.toml scenarios/midden-brabant.toml
  scenarios/groningen.toml scenarios/hollands-midden.toml scenarios/rotterdam.toml
  scenarios/midden-limburg.toml)
for lang in nl en; do
  "$bin" compare "${regions[@]}" --lang "$lang" --quiet --out "$tmp/regions-$lang" > /dev/null
  "$bin" sweep scenarios/leeuwarden.toml --vary overflow.extra_per_year=0,0.05,0.1,0.15,0.2,0.25,0.3 \
    --lang "$lang" --quiet --out "$tmp/plus-200-$lang" > /dev/null
  "$bin" compare "${recommendations[@]}" --lang "$lang" --quiet --out "$tmp/recommendations-$lang" > /dev/null
  "$bin" run scenarios/leeuwarden.toml --lang "$lang" --quiet --out "$tmp/leeuwarden-$lang" > /dev/null 2>&1
  cp "$tmp/regions-$lang/report.html" "docs/gallery/regions-$lang.html"
  cp "$tmp/plus-200-$lang/report.html" "docs/gallery/plus-200-$lang.html"
  cp "$tmp/recommendations-$lang/report.html" "docs/gallery/recommendations-$lang.html"
  cp "$tmp/leeuwarden-$lang/report.html" "docs/gallery/leeuwarden-$lang.html"
  "$bin" advise breda --lang "$lang" --quiet --out "$tmp/advise-breda-$lang" > /dev/null
  cp "$tmp/advise-breda-$lang/report.html" "docs/gallery/advise-breda-$lang.html"
  "$bin" story --kind stalled --versus scenarios/what-if/no-agreed-criteria.toml --lang "$lang" \
    --quiet --out "$tmp/story-$lang" > /dev/null
  cp "$tmp/story-$lang/story.html" "docs/gallery/story-stalled-$lang.html"
  "$bin" animate --versus scenarios/what-if/overflow-200.toml --lang "$lang" --quiet \
    --out "$tmp/animate-$lang" > /dev/null
  cp "$tmp/animate-$lang/animation.html" "docs/gallery/animation-plus-200-$lang.html"
done
echo "docs/gallery: $(ls docs/gallery/*.html | wc -l) pages from avesim $("$bin" --version | cut -d' ' -f2)"
