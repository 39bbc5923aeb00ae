#!/usr/bin/env bash
# Builds Historian's Linux app-image and .deb with jpackage; run by `mvn -Ppackage package`
# (arguments: version, Maven's target directory, the runtime's modules).
# Needs the JDK's jpackage, and fakeroot + dpkg-deb for the .deb.
set -euo pipefail
version=$1
target=$2
modules=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
input="$target/jpackage/input"
dist="$target/dist"
rm -rf "$target/jpackage" "$dist"
mkdir -p "$input" "$dist"
cp "$target/historian.jar" "$input/"

common=(
  --name historian
  --app-version "$version"
  --vendor "Historian"
  --copyright "Copyright the Historian authors. Apache License 2.0."
  --description "Builds, seeds and publishes the message history archives of the Status communities you control."
  --icon "$root/assets/icons/historian-256.png"
)

# The app-image: the runtime holds only the modules the app uses (jlink through jpackage), and
# the class-data-sharing archive of those modules, which jlink leaves out unless asked: without
# it the window took 0.4 s longer to appear.
# A 1 GB heap: 10,000 communities live in about 600 MB, and without a cap the JVM takes a quarter
# of the machine's memory before it collects (1.55 GB resident for 10,000 on 24 GB; 0.98 GB capped).
# Raise it in lib/app/historian.cfg (java-options) for more.
jpackage --type app-image --dest "$dist" "${common[@]}" \
  --input "$input" --main-jar historian.jar --main-class org.historian.app.Main \
  --java-options "-Xmx1g" \
  --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --generate-cds-archive"

# The .deb installs that image under /opt/historian, with a menu entry, the icon and a
# /usr/bin/historian command (packaging/linux/resources: desktop entry, maintainer scripts).
jpackage --type deb --dest "$dist" "${common[@]}" \
  --app-image "$dist/historian" \
  --resource-dir "$here/resources" \
  --license-file "$root/LICENSE" \
  --linux-package-name historian \
  --linux-deb-maintainer "historian@users.noreply.github.com" \
  --linux-menu-group "Network" \
  --linux-app-category net \
  --linux-shortcut \
  --linux-package-deps libgtk-3-0
ls -l "$dist"
