#!/usr/bin/env bash
# The parts of core/ and their allowed edges (docs/architecture.md): a file in
# core/PART/ (or a folder below it) may include only core/PART/ and the parts PART declares after DEPS
# in core/CMakeLists.txt (`oh_part(PART DEPS a b c)`), and nothing in core/
# includes ImGui or SDL (core is the model: no UI). Prints every offending
# include with its file and line; exits 1 if there is any. The build runs it
# (target check_core_parts), and so does scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A allowed
while read -r part deps; do
    allowed[$part]="$part $deps"
done < <(sed -n 's/^oh_part(\([a-z_]*\)\( DEPS \([a-z_ ]*\)\)\?).*/\1 \3/p' core/CMakeLists.txt)

if [ ${#allowed[@]} -eq 0 ]; then
    echo "check-parts: no oh_part(...) declarations found in core/CMakeLists.txt" >&2
    exit 1
fi

bad=0
for dir in core/*/; do
    part=$(basename "$dir")
    if [ -z "${allowed[$part]+x}" ]; then
        echo "check-parts: core/$part/ is not declared with oh_part($part ...) in core/CMakeLists.txt" >&2
        bad=1
        continue
    fi
    while IFS=: read -r file line text; do
        if [[ "$text" =~ \#include\ [\<\"](imgui|SDL|SDL2/) ]]; then
            echo "$file:$line: core includes UI code: $text" >&2
            bad=1
            continue
        fi
        [[ "$text" =~ \#include\ \"core/([a-z_]+)/ ]] || continue
        target=${BASH_REMATCH[1]}
        if [[ " ${allowed[$part]} " != *" $target "* ]]; then
            echo "$file:$line: part '$part' includes part '$target', which it does not declare (oh_part($part DEPS ...) in core/CMakeLists.txt): $text" >&2
            bad=1
        fi
    done < <(grep -rHn --include='*.hpp' --include='*.cpp' '^[[:space:]]*#[[:space:]]*include' "$dir" || true)
done
shopt -s nullglob
stray=(core/*.cpp core/*.hpp)
if [ ${#stray[@]} -gt 0 ]; then
    echo "check-parts: files directly in core/ belong in a part's folder: ${stray[*]}" >&2
    bad=1
fi
exit $bad
