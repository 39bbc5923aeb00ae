#!/usr/bin/env bash
# Checks what `mvn -Ppackage package` built; run by `mvn -Ppackage verify` (arguments: version,
# Maven's target directory). The app-image must answer --version and pass its self-test (archive,
# seed on 127.0.0.1, fetch back with a second client); the .deb must hold the image, the menu
# entry, the icon and the command, under the right name and version.
set -euo pipefail
version=$1
target=$2
image="$target/dist/historian"
deb=$(ls "$target"/dist/historian_"$version"-*_"$(dpkg --print-architecture)".deb)
fail() { echo "packaging check FAILED: $*" >&2; exit 1; }

echo "== $image/bin/historian --version"
start=$(date +%s%N)
answer=$("$image/bin/historian" --version)
version_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$answer" = "Historian $version" ] || fail "--version said '$answer'"
echo "$answer (${version_ms} ms)"

echo "== $image/bin/historian --headless --self-test"
before=$(find "$image" -type f | wc -l)
"$image/bin/historian" --headless --self-test || fail "the app-image's self-test failed"
[ "$(find "$image" -type f | wc -l)" = "$before" ] || fail "the self-test wrote into the install directory"

echo "== dpkg-deb -I $deb"
info=$(dpkg-deb -I "$deb")
echo "$info"
for field in "Package: historian" "Version: $version" "Maintainer: " "Description: Builds, seeds and publishes"; do
  grep -q "$field" <<<"$info" || fail ".deb control lacks '$field'"
done

echo "== dpkg-deb -c $deb (what matters)"
contents=$(dpkg-deb -c "$deb")
for path in ./opt/historian/bin/historian ./opt/historian/lib/app/historian.jar ./opt/historian/lib/runtime/release \
            ./opt/historian/lib/historian.png ./opt/historian/lib/historian-historian.desktop \
            ./opt/historian/share/doc/copyright; do
  grep -q " $path\$" <<<"$contents" || fail ".deb lacks $path"
  grep " $path\$" <<<"$contents"
done
control=$(mktemp -d)
trap 'rm -rf "$control"' EXIT
dpkg-deb -e "$deb" "$control"
grep -q "ln -sf /opt/historian/bin/historian /usr/bin/historian" "$control/postinst" || fail "postinst does not install the command"
grep -q "^xdg-desktop-menu install" "$control/postinst" || fail "postinst does not install the menu entry"
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./opt/historian/lib/historian-historian.desktop | grep -qx "Name=Historian" \
  || fail "the menu entry is not named Historian"

modules=$(sed -n 's/^MODULES="\(.*\)"$/\1/p' "$image/lib/runtime/release")
echo "== sizes"
echo "runtime modules: $modules"
echo "app-image: $(du -sm "$image" | cut -f1) MB, .deb: $(( $(stat -c %s "$deb") / 1024 / 1024 )) MB"
echo "packaging check passed"
