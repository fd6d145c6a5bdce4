# shellcheck shell=bash
# hack/lib/caddy.sh - the caddy:2 look-alike the registry serves as
# library/caddy:2: the runtime of the module's static-site images. Sourced by
# hack/engine, after images.sh (it uses derive, layer_tar, oci_image).
#
#   caddy   [base][Debian's caddy package]  -> library/caddy:2 (linux/amd64 only)
#
# The official caddy:2 is Alpine with the release binary; here it is Debian
# bookworm's caddy package (2.6.x, with its dependencies: media-types for
# /etc/mime.types, libnss3-tools) on the debian:bookworm base, laid out like the
# official image: /usr/bin/caddy, /etc/caddy/Caddyfile, /usr/share/caddy, /srv as
# the working directory, /config and /data with XDG_CONFIG_HOME and
# XDG_DATA_HOME pointing at them, EXPOSE 80 443 443/udp 2019 and CMD caddy run
# --config /etc/caddy/Caddyfile --adapter caddyfile, as root like the official
# image (the module runs it as uid 1000 on port 8080). Unlike the official
# image, /usr/bin/caddy has no cap_net_bind_service (minbase has no setcap):
# a non-root user cannot bind ports below 1024 with it. amd64 only: the module's
# tests serve static sites on the engine's own platform; a publish of a static
# app for linux/arm64 needs a registry with the real caddy:2.

# the base it is built on and the recipe: a change of either rebuilds it
caddy_want() { echo "$DEBIAN_SUITE caddy-deb v1 on $(layout_digest debian-bookworm)"; }

step_image_caddy() {
  local tag=caddy r=$ROOTFS/caddy lg=$LOG/image-caddy.log want got
  want=$(caddy_want)
  if marker_is "$IMG/$tag.complete" "$want" && [ -n "$(layout_digest "$tag")" ]; then
    STEP_NOTE="cached: caddy $(cat "$IMG/$tag.version" 2>/dev/null) amd64"; return 0
  fi
  fresh_output "$IMG/$tag.complete" "$r"
  derive base caddy
  in_root "$r" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends caddy &&
    apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin' >"$lg" 2>&1 ||
    fail_log "$lg" "apt-get could not install caddy into the caddy:2 image: is the Debian archive reachable? Fix it and rerun"
  mkdir -p "$r/srv" "$r/config/caddy" "$r/data/caddy" "$r/usr/share/caddy"
  [ -f "$r/etc/caddy/Caddyfile" ] || die "Debian's caddy package shipped no /etc/caddy/Caddyfile: check $lg"
  # Debian's build prints "2.6.2", the official one "v2.x.y ...": the image says v2.6.2 as the official one would
  got=$(in_root "$r" caddy version 2>>"$lg" | cut -d' ' -f1 || true)
  case $got in v2.* | 2.*) got=v${got#v} ;; *) die "caddy:2 smoke test failed: 'caddy version' printed '$got' (log: $lg)" ;; esac
  : >"$r/etc/resolv.conf"
  layer_tar caddy "$IMG/$tag.tar"
  oci_image debian-bookworm "$tag" "$IMG/$tag.tar" \
    --config.env "CADDY_VERSION=$got" --config.env XDG_CONFIG_HOME=/config --config.env XDG_DATA_HOME=/data \
    --config.exposedports 80/tcp --config.exposedports 443/tcp --config.exposedports 443/udp --config.exposedports 2019/tcp \
    --config.volume /config --config.volume /data --config.workingdir /srv \
    --config.label "org.opencontainers.image.version=$got" \
    --config.label "dev.pnpm-dagger.look-alike=caddy:2 from Debian's caddy package" \
    --config.cmd caddy --config.cmd run --config.cmd --config --config.cmd /etc/caddy/Caddyfile \
    --config.cmd --adapter --config.cmd caddyfile
  rm -rf "$r" "$r.stamp"
  echo "$got" >"$IMG/$tag.version"
  echo "$want" >"$IMG/$tag.complete"
  STEP_NOTE="caddy $got amd64, from Debian's caddy package"
}

# caddy_built: the image is in the layout as the recipe and base say
caddy_built() { marker_is "$IMG/caddy.complete" "$(caddy_want)" && [ -n "$(layout_digest caddy)" ]; }
