#!/usr/bin/env bash
# A single-node Ceph (mon + memstore OSD) + RADOS Gateway on 127.0.0.1, an S3 API that enforces Object Lock,
# from Debian packages unpacked with dpkg -x (no system install). Adapted from shared/tools/ceph-rgw-local.sh.
# Usage: rgw-local.sh CACHE_DIR RUN_DIR RGW_PORT MON_PORT
#   CACHE_DIR keeps the downloaded and unpacked debs between runs (e.g. ~/.cache/phigate/ceph-16);
#   RUN_DIR is this run's cluster state. Prints "READY pids=<mon> <osd> <rgw>" when the S3 user test/test exists.
set -euo pipefail
CACHE=$(mkdir -p "${1:?cache dir}" && cd "$1" && pwd); D=$(mkdir -p "${2:?run dir}" && cd "$2" && pwd)
RGW_PORT=${3:?rgw port}; MON_PORT=${4:?mon port}; R=$CACHE/root
if [ ! -x "$R/usr/bin/radosgw" ]; then
  if ! apt-cache show radosgw >/dev/null 2>&1; then
    echo "[rgw] apt package lists missing: running apt-get update" >&2
    apt-get update -qq >&2
  fi
  rm -rf "$CACHE/debs" "$CACHE/root.partial"; mkdir -p "$CACHE/debs"
  (cd "$CACHE/debs" && apt-get download $(apt-get install -s --no-install-recommends radosgw ceph-mon ceph-osd \
    ceph-common | awk '/^Inst/{print $2}')) >&2
  for d in "$CACHE"/debs/*.deb; do dpkg -x "$d" "$CACHE/root.partial"; done
  mv "$CACHE/root.partial" "$R"
fi
export LD_LIBRARY_PATH=$R/usr/lib/x86_64-linux-gnu:$R/usr/lib/x86_64-linux-gnu/ceph:$R/lib/x86_64-linux-gnu
export PYTHONPATH=$R/usr/lib/python3/dist-packages
mkdir -p "$D/osd.0" "$D/rgw.a"
FSID=$(cat /proc/sys/kernel/random/uuid)
cat > "$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = [v1:127.0.0.1:$MON_PORT]
mon initial members = a
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
run dir = $D
log file = $D/\$name.log
mon cluster log file = $D/cluster.log
admin socket = $D/\$name.asok
mon data = $D/mon.\$id
osd data = $D/osd.\$id
keyring = $D/keyring
osd objectstore = memstore
memstore device bytes = 1073741824
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
mon max pg per osd = 1000
osd crush chooseleaf type = 0
osd class dir = $R/usr/lib/x86_64-linux-gnu/rados-classes
osd class load list = *
osd class default list = *
plugin dir = $R/usr/lib/x86_64-linux-gnu/ceph
erasure code dir = $R/usr/lib/x86_64-linux-gnu/ceph/erasure-code
ms bind ipv6 = false
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw data = $D/rgw.a
CONF
A=$R/usr/bin/ceph-authtool
$A --create-keyring "$D/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
$A "$D/keyring" --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' --cap mds 'allow *' >/dev/null
$A "$D/keyring" --gen-key -n osd.0 --cap mon 'allow profile osd' --cap osd 'allow *' --cap mgr 'allow profile osd' >/dev/null
$A "$D/keyring" --gen-key -n client.rgw.a --cap mon 'allow rw' --cap osd 'allow rwx' --cap mgr 'allow rw' >/dev/null
$R/usr/bin/monmaptool --create --addv a "[v1:127.0.0.1:$MON_PORT]" --fsid "$FSID" "$D/monmap" >/dev/null
cd "$D"
$R/usr/bin/ceph-mon -c ceph.conf --mkfs -i a --monmap "$D/monmap" --keyring "$D/keyring"
$R/usr/bin/ceph-mon -c ceph.conf -i a -f > "$D/mon.out" 2>&1 & MON=$!
C="timeout 30 /usr/bin/python3 $R/usr/bin/ceph -c $D/ceph.conf"
U=$(cat /proc/sys/kernel/random/uuid)
for _ in $(seq 1 300); do $C mon stat >/dev/null 2>&1 && break; sleep 0.2; done
$C auth import -i "$D/keyring" >/dev/null 2>&1
ID=$($C osd new "$U")
$R/usr/bin/ceph-osd -c ceph.conf -i "$ID" --mkfs --osd-uuid "$U" > "$D/osd-mkfs.out" 2>&1
$R/usr/bin/ceph-osd -c ceph.conf -i "$ID" -f > "$D/osd.out" 2>&1 & OSD=$!
$R/usr/bin/radosgw -c ceph.conf -n client.rgw.a -f > "$D/rgw.out" 2>&1 & RGW=$!
for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$RGW_PORT") 2>/dev/null && break; sleep 0.2; done
$R/usr/bin/radosgw-admin -c ceph.conf -n client.admin user create --uid=test --display-name=test \
  --access-key=test --secret=test > "$D/user.json"
echo "READY pids=$MON $OSD $RGW"
