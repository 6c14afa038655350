# ciab-probe v1
# SPDX-License-Identifier: Apache-2.0
# Hardware probe of the CiaB installer. Runs as the login user (no root, no sudo prompt) with POSIX
# sh and only coreutils, util-linux, iproute2, procps and systemd. The installer sends this whole
# file as ONE exec on ONE channel: sh -c '<this file>' (electron/backend/hardware/probe/probe-script.ts).
# Output: one section per command between marker lines that carry a per-run nonce, so text printed
# by a command can never be mistaken for a marker:
#   @@ciab-probe:section:NAME:NONCE  <stdout>  @@ciab-probe:exit:NAME:CODE:NONCE
#   @@ciab-probe:stderr:NAME:NONCE   <stderr, only when there was some>
# Every marker but the first starts on a fresh line: the parser drops exactly one newline before it.
# Keep this file free of double backslashes: fish, as a login shell, would alter them.

# English output where possible (parsers still survive other locales).
LC_ALL=C
LANG=C
export LC_ALL LANG
# Non-login exec shells often lack the sbin directories; append, so the user's PATH still wins.
PATH="${PATH:-/usr/bin:/bin}:/usr/local/sbin:/usr/sbin:/sbin"
export PATH

N=
read -r N 2>/dev/null </proc/sys/kernel/random/uuid
[ -n "$N" ] || N="pid$$"

# Per-command time limit: a hung device or D-Bus must not hang the whole probe.
T=
if command -v timeout >/dev/null 2>&1; then T="timeout -k 1 5"; fi

# fd 3 is the real stdout: commands write there while their stderr is captured.
exec 3>&1

# run NAME COMMAND [ARGS...]: one section; returns the command's exit status.
run() {
  _n=$1
  shift
  printf '\n@@ciab-probe:section:%s:%s\n' "$_n" "$N"
  _e=$($T "$@" 2>&1 1>&3 3>&- </dev/null)
  _rc=$?
  printf '\n@@ciab-probe:exit:%s:%s:%s\n' "$_n" "$_rc" "$N"
  if [ -n "$_e" ]; then
    printf '@@ciab-probe:stderr:%s:%s\n%s\n' "$_n" "$N" "$_e"
  fi
  return "$_rc"
}

printf '@@ciab-probe:begin:v1:%s\n' "$N"

# --- identity -------------------------------------------------------------------------------
run os-release cat /etc/os-release || run os-release-usr cat /usr/lib/os-release
run hostname uname -n
run kernel uname -r
run arch uname -m
run id id
run virt systemd-detect-virt
run boot-mode sh -c 'if [ -d /sys/firmware/efi ]; then echo uefi; else echo bios; fi'

# --- CPU ------------------------------------------------------------------------------------
run lscpu lscpu
run lscpu-json lscpu -J
run nproc nproc --all
# Only the first CPU's block: a 256-thread machine would otherwise send 300 kB of repeats.
run cpuinfo sh -c 'while IFS= read -r l; do [ -z "$l" ] && break; printf "%s\n" "$l"; done </proc/cpuinfo'
run vulnerabilities sh -c 'cd /sys/devices/system/cpu/vulnerabilities || exit 1
for f in *; do [ -f "$f" ] || continue; v=; read -r v 2>/dev/null <"$f"; printf "%s:%s\n" "$f" "$v"; done'
# kvm_intel / kvm_amd parameters are world-readable; dmesg is not, so it is not used.
run kvm sh -c 'for m in kvm_intel kvm_amd; do
  [ -d "/sys/module/$m" ] || continue
  printf "%s:loaded\n" "$m"
  for p in nested sev sev_es sev_snp tdx; do
    f="/sys/module/$m/parameters/$p"
    [ -r "$f" ] || continue
    v=; read -r v 2>/dev/null <"$f"; printf "%s.%s:%s\n" "$m" "$p" "$v"
  done
done
if [ -e /dev/kvm ]; then echo "dev-kvm:present"; else echo "dev-kvm:absent"; fi'
run iommu sh -c 'n=0
for g in /sys/kernel/iommu_groups/*; do [ -e "$g" ] && n=$((n+1)); done
printf "groups:%s\n" "$n"
for u in /sys/class/iommu/*; do [ -e "$u" ] && printf "unit:%s\n" "${u##*/}"; done
exit 0'
# PCI: class/vendor/device for all, driver and SR-IOV only for NICs (02), GPUs (03), accelerators (12).
run pci sh -c 'for d in /sys/bus/pci/devices/*; do
  [ -r "$d/class" ] || continue
  c=; v=; i=; r=; t=
  read -r c 2>/dev/null <"$d/class"; read -r v 2>/dev/null <"$d/vendor"; read -r i 2>/dev/null <"$d/device"
  case $c in 0x02*|0x03*|0x12*)
    if [ -e "$d/driver" ]; then r=$(cd "$d/driver" && pwd -P); r=${r##*/}; fi
    [ -r "$d/sriov_totalvfs" ] && read -r t 2>/dev/null <"$d/sriov_totalvfs";;
  esac
  printf "%s class=%s vendor=%s device=%s driver=%s sriov_totalvfs=%s\n" "${d##*/}" "$c" "$v" "$i" "$r" "$t"
done'

# --- memory and storage ---------------------------------------------------------------------
run meminfo cat /proc/meminfo
run lsblk-json lsblk -J -b -O ||
  run lsblk-pairs lsblk -P -b -o NAME,KNAME,TYPE,SIZE,ROTA,TRAN,MODEL,SERIAL,RM,FSTYPE,PTTYPE,MOUNTPOINT,PKNAME
run by-id ls -l /dev/disk/by-id
# Who holds a disk or partition open (device mapper, md): wipefs and blkid would need root.
run holders sh -c 'for h in /sys/block/*/holders/* /sys/block/*/*/holders/*; do
  [ -e "$h" ] || continue
  p=${h%/holders/*}; printf "%s:%s\n" "${p##*/}" "${h##*/}"
done
for d in /sys/block/dm-*/dm/name; do
  [ -r "$d" ] || continue
  v=; read -r v 2>/dev/null <"$d"; b=${d%/dm/name}; printf "%s=%s\n" "${b##*/}" "$v"
done
exit 0'
run df df -P -B1 -T -l

# --- network --------------------------------------------------------------------------------
run ip-addr ip -j addr || {
  run ip-addr-text ip -o addr
  run ip-link-text ip -o link
}
run route4 ip -j route show default || run route4-text ip route show default
run route6 ip -j -6 route show default || run route6-text ip -6 route show default
run nic-sysfs sh -c 'for n in /sys/class/net/*; do
  [ -e "$n" ] || continue
  l=${n##*/}
  for f in carrier speed mtu operstate address type; do
    v=; read -r v 2>/dev/null <"$n/$f"; l="$l $f=$v"
  done
  p=0; r=; t=; k=
  if [ -e "$n/device" ]; then
    p=1
    if [ -e "$n/device/driver" ]; then r=$(cd "$n/device/driver" && pwd -P); r=${r##*/}; fi
    [ -r "$n/device/sriov_totalvfs" ] && read -r t 2>/dev/null <"$n/device/sriov_totalvfs"
  fi
  [ -d "$n/bridge" ] && k=bridge
  [ -d "$n/bonding" ] && k=bond
  [ -e "$n/tun_flags" ] && k=tun
  printf "%s device=%s driver=%s sriov_totalvfs=%s kind=%s\n" "$l" "$p" "$r" "$t" "$k"
done'
run resolv-conf cat /etc/resolv.conf
run resolvectl resolvectl dns
run timedatectl timedatectl show || run timedatectl-status timedatectl status
run ss ss -H -ltnu || run ss-header ss -ltnu

# --- privileges -----------------------------------------------------------------------------
# -n: never prompt; exit 1 with "a password is required" is an answer, not a failure.
run sudo sudo -n true

printf '\n@@ciab-probe:end:%s\n' "$N"
