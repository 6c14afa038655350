# ciab-step v1
# SPDX-License-Identifier: Apache-2.0
# Detached step runner of the CiaB installer: starts a step on the server so that an SSH drop, laptop
# sleep or app crash does not kill it, and streams its output by byte offset so the app can re-attach.
#
# Transport (electron/backend/deploy/runner/step-agent.ts): each exec sends this whole file as one
# argument, `sh -c '<this file>' ciab-step SUBCOMMAND ARGS...`, like playbooks/probe/probe.sh. Only the
# step's command travels on stdin (`start`, `run`), so it never appears in a process list. The app runs a
# step with ONE exec, `run` (start unless the attempt exists, then follow), and repeats that same exec with
# the byte offset received so far after every drop. POSIX sh, coreutils, util-linux `setsid` (fallback:
# bash `set -m` + nohup), procps `ps`. Keep this file free of double backslashes (fish).
#
# Layout: STATE/STEP/ATTEMPT/ (0700): cmd, run (the detached wrapper, sh only), output (stdout+stderr
# MERGED, in the order written; which stream a byte came from is not recorded), pid ("RUNNER_PID
# STEP_PGID"; the Python server adds "EPOCH BOOT_ID"), started ("EPOCH BOOT_ID", sh only), exit (written
# tmp+mv when the step ended), timed-out (marker). RUNNER_PID is the process that records the exit: the
# sh wrapper of that step, or the Python server (steps are its children; it runs in a session of its own,
# two forks away from the SSH session, and outlives the channel until its steps have ended). The Python
# server starts a step under a flock(2) of STATE/STEP and lets it run only once its pid is on record.
# STATE/checkpoints: one line "STEP ATTEMPT EPOCH" per completed step, appended with one write(2).
#
# Every line meant for the app starts with "@@ciab-step:" so login-shell noise is told apart:
#   start   -> @@ciab-step:started PGID | @@ciab-step:status ... (the attempt existed: not started again)
#   status  -> @@ciab-step:status STATE CODE SIZE TIMED_OUT   STATE running|exited|lost|unknown, CODE or -
#   read    -> @@ciab-step:read OFFSET LENGTH STATE CODE TIMED_OUT  then exactly LENGTH raw bytes
#   follow  -> stdout: @@ciab-step:follow OFFSET  then raw output bytes, nothing else, until the end;
#              stderr: @@ciab-step:end END_OFFSET STATE CODE TIMED_OUT once everything was written.
#   run     -> start (its reply on stderr) then follow, in one exec; stdin: the command, as for start
#   kill    -> @@ciab-step:killed PGID | @@ciab-step:status ... (nothing to kill)
#   checkpoint-add  -> @@ciab-step:checkpoint STEP ATTEMPT EPOCH
#   checkpoint-list -> @@ciab-step:checkpoint STEP ATTEMPT EPOCH per line
#   put MODE -> @@ciab-step:put SIZE PATH; stdin: the absolute PATH on one line, then the file's bytes. Written to
#              PATH.ciab-tmp (umask 077), chmod MODE, renamed: a file's content never travels on a command line.
#   wait    -> like read, after waiting up to WAIT_MS for output past OFFSET or the step's end
#   serve   -> the control channel, one long exec per connection (see cmd_serve; in Python when python3 is
#              there, `serve-sh` forces this sh one): requests on stdin,
#              framed replies on stdout; steps start detached as with start, so a dropped channel kills nothing.
# Exit status 0, or 2 with "@@ciab-step:error MESSAGE" on stderr for bad arguments.

LC_ALL=C
export LC_ALL
PATH="${PATH:-/usr/bin:/bin}:/usr/local/sbin:/usr/sbin:/sbin"
export PATH
umask 077

fail() {
  printf '@@ciab-step:error %s\n' "$*" >&2
  exit 2
}

# Names become path components: no slashes, no dot-dot, nothing a shell would expand.
check_name() {
  case $2 in
    '' | . | .. | *[!A-Za-z0-9._-]*) fail "bad $1: $2" ;;
  esac
}

check_num() {
  case $2 in
    '' | *[!0-9]*) fail "bad $1: $2" ;;
  esac
}

# attempt_dir STATE STEP ATTEMPT: sets D after checking the arguments.
attempt_dir() {
  [ -n "$1" ] || fail 'missing state directory'
  check_name step "$2"
  check_name attempt "$3"
  D="$1/$2/$3"
}

size_of() {
  if [ -f "$1" ]; then
    stat -c %s "$1" 2>/dev/null || wc -c <"$1"
  else
    echo 0
  fi
}

# boot_id_var: sets BOOT to the boot id (or none) with the `read` builtin: no fork, state() runs in every poll.
boot_id_var() {
  BOOT=none
  { read -r BOOT </proc/sys/kernel/random/boot_id; } 2>/dev/null || BOOT=none
}

# state: sets STATE (running|exited|lost|unknown), CODE (or -), TIMED (0|1) for attempt dir $D.
# The exit file is looked at first: once it exists the output file is final.
state() {
  CODE=-
  TIMED=0
  [ -f "$D/timed-out" ] && TIMED=1
  if [ -f "$D/exit" ]; then
    read -r CODE <"$D/exit"
    STATE=exited
    return
  fi
  if [ ! -f "$D/pid" ]; then
    STATE=unknown
    return
  fi
  # The Python server records start time and boot id in the pid file, this one in a started file.
  read -r rpid _pg _t sboot <"$D/pid"
  [ -n "$sboot" ] || read -r _t sboot <"$D/started" 2>/dev/null
  boot_id_var
  if [ "$sboot" = "$BOOT" ] && [ -d "/proc/$rpid" ]; then
    STATE=running
    return
  fi
  # The wrapper may have written exit and ended between the two looks.
  if [ -f "$D/exit" ]; then
    read -r CODE <"$D/exit"
    STATE=exited
  else
    STATE=lost
  fi
}

print_status() {
  state
  printf '@@ciab-step:status %s %s %s %s\n' "$STATE" "$CODE" "$(size_of "$D/output")" "$TIMED"
}

# The wrapper that runs detached: starts the command in its own process group, a watchdog for the
# timeout, then records the exit status. Arguments: ATTEMPT_DIR TIMEOUT_S (0: no timeout).
write_wrapper() {
  cat >"$1" <<'EOF'
D=$1
T=$2
GRACE=5
# detach CMD...: start in the background in a new process group; sets P to its pid (= its pgid).
# Without setsid this wrapper runs under bash, whose `set -m` gives a background job its own group.
detach() {
  if [ -z "$CIAB_STEP_NO_SETSID" ] && command -v setsid >/dev/null 2>&1; then
    setsid "$@" </dev/null >>"$D/output" 2>&1 &
    P=$!
  else
    set -m
    "$@" </dev/null >>"$D/output" 2>&1 &
    P=$!
    set +m
  fi
}
# alive PGID: a member of the group still runs (zombies waiting for a slow init to reap them do not count).
alive() {
  kill -s 0 -- -"$1" 2>/dev/null || return 1
  command -v ps >/dev/null 2>&1 || return 0
  ps -e -o pgid= -o stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { f = 1 } END { exit !f }'
}
# end_group PGID: TERM, up to GRACE seconds to go, then KILL.
end_group() {
  kill -s TERM -- -"$1" 2>/dev/null || return 0
  n=0
  while alive "$1" && [ "$n" -lt $((GRACE * 10)) ]; do
    sleep 0.1
    n=$((n + 1))
  done
  kill -s KILL -- -"$1" 2>/dev/null
  return 0
}
detach sh "$D/cmd"
PG=$P
printf '%s %s\n' "$$" "$PG" >"$D/pid.tmp" && mv -f "$D/pid.tmp" "$D/pid"
W=
if [ "$T" -gt 0 ]; then
  ( sleep "$T"; if alive "$PG"; then : >"$D/timed-out"; end_group "$PG"; fi ) </dev/null >/dev/null 2>&1 &
  W=$!
fi
# The step's pgid is its main process, a child of this shell.
wait "$PG"
RC=$?
# Leftovers of the step's group would keep writing after exit: end them first (like systemd's KillMode).
end_group "$PG"
[ -f "$D/timed-out" ] && RC=124
[ -n "$W" ] && kill "$W" 2>/dev/null
printf '%s\n' "$RC" >"$D/exit.tmp" && mv -f "$D/exit.tmp" "$D/exit"
# The watchdog's sleep is in our group: take it along.
trap '' TERM
kill -s TERM -- -$$ 2>/dev/null
exit 0
EOF
}

cmd_start() {
  [ $# -eq 4 ] || fail 'usage: start STATE STEP ATTEMPT TIMEOUT_S'
  attempt_dir "$1" "$2" "$3"
  check_num timeout "$4"
  mkdir -p -m 700 "$1" "$1/$2" || fail "cannot create $1/$2"
  # mkdir is the claim: of two starts of the same attempt exactly one gets here.
  if ! mkdir -m 700 "$D" 2>/dev/null; then
    [ -d "$D" ] || fail "cannot create $D"
    cat >/dev/null
    # A start that is still setting up (or died doing so): give it two seconds.
    n=0
    while [ ! -f "$D/pid" ] && [ ! -f "$D/exit" ] && [ "$n" -lt 20 ]; do
      sleep 0.1
      n=$((n + 1))
    done
    print_status
    return
  fi
  cat >"$D/cmd" || fail "cannot write $D/cmd"
  : >>"$D/output"
  boot_id_var
  printf '%s %s\n' "$(date +%s)" "$BOOT" >"$D/started.tmp" && mv -f "$D/started.tmp" "$D/started"
  write_wrapper "$D/run"
  # Started from a subshell that ends at once: the wrapper is re-parented to init, so it is no descendant
  # of this SSH session (whose processes may be killed when the connection goes).
  if [ -z "$CIAB_STEP_NO_SETSID" ] && command -v setsid >/dev/null 2>&1; then
    ( setsid sh "$D/run" "$D" "$4" </dev/null >/dev/null 2>&1 & )
  else
    command -v bash >/dev/null 2>&1 || fail 'neither setsid (util-linux) nor bash is installed'
    bash -c 'set -m; nohup "$@" </dev/null >/dev/null 2>&1 &' ciab-step bash "$D/run" "$D" "$4"
  fi
  # Report once the wrapper has recorded the step's pgid (it does so within milliseconds): 2 ms polls
  # first, since this wait is most of a quick step's cost, then 10 ms ones (2 s in all).
  n=0
  while [ ! -f "$D/pid" ] && [ "$n" -lt 220 ]; do
    if [ "$n" -lt 25 ]; then sleep 0.002; else sleep 0.01; fi
    n=$((n + 1))
  done
  [ -f "$D/pid" ] || fail "the step did not start within 2 s: $D"
  read -r _r pg _rest <"$D/pid"
  printf '@@ciab-step:started %s\n' "$pg"
}

cmd_status() {
  [ $# -eq 3 ] || fail 'usage: status STATE STEP ATTEMPT'
  attempt_dir "$@"
  print_status
}

cmd_read() {
  [ $# -eq 5 ] || fail 'usage: read STATE STEP ATTEMPT OFFSET MAX_BYTES'
  attempt_dir "$1" "$2" "$3"
  check_num offset "$4"
  check_num max "$5"
  state
  size=$(size_of "$D/output")
  [ "$4" -le "$size" ] || fail "offset $4 is past the end of the output ($size bytes)"
  len=$((size - $4))
  [ "$len" -gt "$5" ] && len=$5
  printf '@@ciab-step:read %s %s %s %s %s\n' "$4" "$len" "$STATE" "$CODE" "$TIMED"
  [ "$len" -gt 0 ] && tail -c +$(($4 + 1)) "$D/output" | head -c "$len"
  return 0
}

cmd_follow() {
  [ $# -eq 4 ] || fail 'usage: follow STATE STEP ATTEMPT OFFSET'
  attempt_dir "$1" "$2" "$3"
  check_num offset "$4"
  off=$4
  [ "$off" -le "$(size_of "$D/output")" ] || fail "offset $off is past the end of the output"
  printf '@@ciab-step:follow %s\n' "$off"
  # Short waits first (a quick step is done at once), then about 100 ms.
  waits='0.01 0.02 0.05'
  while :; do
    state
    size=$(size_of "$D/output")
    if [ "$size" -gt "$off" ]; then
      # A write error (the app went away) ends the follow: head dies of SIGPIPE, or exits non-zero.
      tail -c +$((off + 1)) "$D/output" | head -c $((size - off)) || exit 141
      off=$size
    fi
    case $STATE in
      exited | lost | unknown)
        printf '@@ciab-step:end %s %s %s %s\n' "$off" "$STATE" "$CODE" "$TIMED" >&2
        exit 0
        ;;
    esac
    set -- $waits
    if [ $# -gt 0 ]; then
      sleep "$1"
      shift
      waits=$*
    else
      sleep 0.1
    fi
  done
}

# run = start + follow in ONE exec (half the per-step cost): the start reply goes to stderr, before the trailer.
cmd_run() {
  [ $# -eq 5 ] || fail 'usage: run STATE STEP ATTEMPT TIMEOUT_S OFFSET'
  check_num offset "$5"
  cmd_start "$1" "$2" "$3" "$4" >&2
  cmd_follow "$1" "$2" "$3" "$5"
}

cmd_kill() {
  [ $# -eq 3 ] || fail 'usage: kill STATE STEP ATTEMPT'
  attempt_dir "$@"
  state
  if [ "$STATE" != running ]; then
    print_status
    return
  fi
  read -r _r pg _rest <"$D/pid"
  # TERM now, KILL five seconds later from a detached helper (this exec returns at once).
  kill -s TERM -- -"$pg" 2>/dev/null
  nohup sh -c 'sleep 5; kill -s KILL -- -"$1" 2>/dev/null' ciab-step-kill "$pg" </dev/null >/dev/null 2>&1 &
  printf '@@ciab-step:killed %s\n' "$pg"
}

cmd_checkpoint_add() {
  [ $# -eq 3 ] || fail 'usage: checkpoint-add STATE STEP ATTEMPT'
  check_name step "$2"
  check_name attempt "$3"
  mkdir -p -m 700 "$1" || fail "cannot create $1"
  line="$2 $3 $(date +%s)"
  # One short printf with O_APPEND is one write(2): concurrent adders never interleave.
  printf '%s\n' "$line" >>"$1/checkpoints" || fail "cannot write $1/checkpoints"
  printf '@@ciab-step:checkpoint %s\n' "$line"
}

cmd_checkpoint_list() {
  [ $# -eq 1 ] || fail 'usage: checkpoint-list STATE'
  [ -f "$1/checkpoints" ] || return 0
  while read -r s a t; do
    [ -n "$s" ] && printf '@@ciab-step:checkpoint %s %s %s\n' "$s" "$a" "$t"
  done <"$1/checkpoints"
  return 0
}

# put STATE MODE: installs one file whose path and content arrive on stdin (see the header).
cmd_put() {
  [ $# -eq 2 ] || fail 'usage: put STATE MODE'
  case $2 in [0-7][0-7][0-7] | [0-7][0-7][0-7][0-7]) ;; *) fail "bad mode: $2" ;; esac
  IFS= read -r p || fail 'put: no path line on stdin'
  case $p in /*) ;; *) fail "put: not an absolute path: $p" ;; esac
  case /$p/ in */../* | */./*) fail "put: path with . or ..: $p" ;; esac
  mkdir -p "${p%/*}" 2>/dev/null || fail "put: cannot create the directory of $p"
  cat >"$p.ciab-tmp" || fail "put: cannot write $p.ciab-tmp"
  chmod "$2" "$p.ciab-tmp" && mv -f "$p.ciab-tmp" "$p" || fail "put: cannot install $p"
  printf '@@ciab-step:put %s %s\n' "$(($(wc -c <"$p")))" "$p"
}

# wait STATE STEP ATTEMPT OFFSET MAX_BYTES WAIT_MS: `read`, once there is output past OFFSET, the attempt is
# no longer running, or about WAIT_MS have passed (a long poll: the control channel's way to stream output).
cmd_wait() {
  [ $# -eq 6 ] || fail 'usage: wait STATE STEP ATTEMPT OFFSET MAX_BYTES WAIT_MS'
  attempt_dir "$1" "$2" "$3"
  check_num offset "$4"
  check_num max "$5"
  check_num wait "$6"
  slept=0
  set -- "$1" "$2" "$3" "$4" "$5" "$6" 2 5 10 20 50
  while :; do
    state
    [ "$STATE" = running ] || break
    [ "$(size_of "$D/output")" -gt "$4" ] && break
    [ "$slept" -ge "$6" ] && break
    w=100
    if [ $# -gt 6 ]; then
      w=$7
      a1=$1 a2=$2 a3=$3 a4=$4 a5=$5 a6=$6
      shift 7
      set -- "$a1" "$a2" "$a3" "$a4" "$a5" "$a6" "$@"
    fi
    sleep "0.$(printf %03d "$w")"
    slept=$((slept + w))
  done
  cmd_read "$1" "$2" "$3" "$4" "$5"
}

# run + wait in one request of the control channel: start unless the attempt exists, then the first output.
cmd_start_wait() {
  [ $# -eq 7 ] || fail 'usage: start-wait STATE STEP ATTEMPT TIMEOUT_S OFFSET MAX_BYTES WAIT_MS'
  cmd_start "$1" "$2" "$3" "$4"
  cmd_wait "$1" "$2" "$3" "$5" "$6" "$7"
}

bad_sub() {
  fail "unknown subcommand: $sub"
}

# serve STATE: the control channel. Prints "@@ciab-ctl-ready 1 PID" (anything before it is login noise),
# then reads requests, one line each: "ID SUB STDIN_LEN ARGS..." followed by exactly STDIN_LEN bytes (the
# step's command for start/start-wait). The state directory is implied: ARGS are the other subcommand's
# arguments without it. Requests run one after another; each is answered with one frame on stdout,
#   @@ciab-ctl ID EXIT OUT_LEN ERR_LEN\n  then OUT_LEN bytes of the subcommand's stdout, ERR_LEN of its stderr.
# A malformed request line ends the channel (the stream cannot be resynchronised); the app reopens it.
cmd_serve() {
  [ $# -eq 1 ] || fail 'usage: serve STATE'
  [ -n "$1" ] || fail 'missing state directory'
  # The same protocol and files in Python when the node has it (every Ansible target does): no fork and exec
  # per request and per poll, which is most of a quick step's cost in sh. `serve-sh` keeps the sh one.
  if [ "$CIAB_SERVE" != sh ] && command -v python3 >/dev/null 2>&1; then
    exec python3 -c "$CIAB_STEP_PY" serve "$1"
  fi
  S=$1
  mkdir -p -m 700 "$S" || fail "cannot create $S"
  T=$(mktemp -d "${TMPDIR:-/tmp}/ciab-serve.XXXXXX") || fail 'cannot create a temporary directory'
  trap 'rm -rf "$T"' EXIT
  trap 'exit 129' HUP INT TERM
  printf '@@ciab-ctl-ready 1 %s\n' "$$"
  while IFS= read -r line; do
    set -f
    # shellcheck disable=SC2086 # split the request into words on purpose
    set -- $line
    set +f
    [ $# -ge 3 ] || fail "bad request: $line"
    id=$1 sub=$2 len=$3
    shift 3
    case $id in '' | *[!A-Za-z0-9._-]*) fail "bad request id: $id" ;; esac
    case $len in '' | *[!0-9]*) fail "bad stdin length: $len" ;; esac
    # GNU head -c reads no byte past LEN from a pipe, so the next request line stays in stdin.
    if [ "$len" -gt 0 ]; then
      head -c "$len" >"$T/in" || fail 'cannot read the request body'
    else
      : >"$T/in"
    fi
    case $sub in
      start) fn=cmd_start ;;
      start-wait) fn=cmd_start_wait ;;
      status) fn=cmd_status ;;
      read) fn=cmd_read ;;
      wait) fn=cmd_wait ;;
      kill) fn=cmd_kill ;;
      checkpoint-add) fn=cmd_checkpoint_add ;;
      checkpoint-list) fn=cmd_checkpoint_list ;;
      put) fn=cmd_put ;;
      ping) fn=true ;;
      *) fn=bad_sub ;;
    esac
    # A subshell: a failing subcommand (fail = exit 2) ends only itself, never the channel.
    ( $fn "$S" "$@" ) <"$T/in" >"$T/out" 2>"$T/err"
    rc=$?
    # Sizes without a fork for the usual empty stderr (and empty stdout of ping).
    o=0 e=0
    [ -s "$T/out" ] && o=$(($(wc -c <"$T/out")))
    [ -s "$T/err" ] && e=$(($(wc -c <"$T/err")))
    # One write(2) per reply: sshd sends a pipe read as one packet, and a second small packet would wait for
    # the client's delayed ACK (Nagle; sshd sets TCP_NODELAY only for ttys), ~40 ms per request.
    { printf '@@ciab-ctl %s %s %s %s\n' "$id" "$rc" "$o" "$e"; cat "$T/out" "$T/err"; } >"$T/frame"
    cat "$T/frame"
  done
  exit 0
}

# The control channel in Python (see cmd_serve): same requests, replies and files as the sh subcommands.
# Kept free of single quotes and double backslashes, so it can live in this one string.
CIAB_STEP_PY='import os, sys, time, signal, fcntl, select
PFX = b"@@ciab-step:"
GRACE = 5.0
NAMEOK = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
class Fail(Exception):
    pass
def name(what, s):
    if s in ("", ".", "..") or not set(s) <= NAMEOK:
        raise Fail("bad %s: %s" % (what, s))
    return s
def num(what, s):
    if not s.isdigit():
        raise Fail("bad %s: %s" % (what, s))
    return int(s)
def boot():
    try:
        with open("/proc/sys/kernel/random/boot_id") as f:
            return f.read().strip() or "none"
    except OSError:
        return "none"
def rd(p):
    try:
        with open(p) as f:
            return f.read().split()
    except OSError:
        return None
def wr(p, text):
    with open(p + ".tmp", "w") as f:
        f.write(text)
    os.rename(p + ".tmp", p)
def size(p):
    try:
        return os.stat(p).st_size
    except OSError:
        return 0
def state(d):
    ex = rd(d + "/exit")
    timed = 1 if os.path.exists(d + "/timed-out") else 0
    if ex:
        return "exited", ex[0], timed
    pid = rd(d + "/pid")
    if not pid:
        return "unknown", "-", timed
    # "WRAPPER_PID PGID START_TIME BOOT_ID" (the sh server writes the last two to a started file).
    st = pid[2:4] if len(pid) >= 4 else (rd(d + "/started") or ["", ""])
    if len(st) > 1 and st[1] == boot() and os.path.isdir("/proc/" + pid[0]):
        return "running", "-", timed
    ex = rd(d + "/exit")
    return ("exited", ex[0], timed) if ex else ("lost", "-", timed)
def status_line(d):
    s, c, t = state(d)
    return ("%sstatus %s %s %d %d\n" % (PFX.decode(), s, c, size(d + "/output"), t)).encode()
def adir(st, step, att):
    if not st:
        raise Fail("missing state directory")
    return "%s/%s/%s" % (st, name("step", step), name("attempt", att))
def alive(pg):
    try:
        os.killpg(pg, 0)
    except OSError:
        return False
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open("/proc/%s/stat" % p) as f:
                    s = f.read()
            except OSError:
                continue
            f = s[s.rfind(")") + 2:].split()
            if f[0] != "Z" and f[2] == str(pg):
                return True
    return False
# The steps this server started run as its own children (it is detached from the SSH session, so a cut
# connection reaches neither it nor them). pid -> [attempt dir, timeout deadline or 0, SIGKILL time or 0].
KIDS = {}
# Groups being ended after their main process exited: pgid -> [attempt dir, exit code, SIGKILL time].
ENDING = {}
# Groups sent TERM by a kill request: pgid -> SIGKILL time.
KILLAT = {}
WAKE = [-1]
# The read buffer, replaced (never resized: views of it may still be referenced) when a reply needs more.
RBUF = [bytearray()]
# The pipe whose end tells the first process (in the SSH session) that this server has ended.
HOLD = []
def killpg(pg, sig):
    try:
        os.killpg(pg, sig)
        return True
    except OSError:
        return False
def code(status):
    rc = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else (status >> 8 if status & 0x7f == 0 else 128 + (status & 0x7f))
    return 128 - rc if rc < 0 else rc
def finish(d, rc):
    wr(d + "/exit", "%d\n" % (124 if os.path.exists(d + "/timed-out") else rc))
def reap():
    # Records ended steps, ends their leftover processes, enforces timeouts: never blocks.
    now = time.time()
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
        k = KIDS.pop(pid, None)
        if k is None:
            continue
        # Leftovers of the step group would keep writing after its exit: end them first (like systemd).
        if killpg(pid, signal.SIGTERM):
            ENDING[pid] = [k[0], code(status), now + GRACE]
        else:
            finish(k[0], code(status))
    for pid, k in KIDS.items():
        if k[1] and now >= k[1]:
            open(k[0] + "/timed-out", "w").close()
            killpg(pid, signal.SIGTERM)
            k[1], k[2] = 0, now + GRACE
        elif k[2] and now >= k[2]:
            killpg(pid, signal.SIGKILL)
            k[2] = 0
    for pg, e in list(ENDING.items()):
        if not alive(pg):
            del ENDING[pg]
            finish(e[0], e[1])
        elif now >= e[2]:
            killpg(pg, signal.SIGKILL)
            e[2] = now + 1
    for pg, t in list(KILLAT.items()):
        if now >= t:
            killpg(pg, signal.SIGKILL)
            del KILLAT[pg]
def busy():
    return KIDS or ENDING or KILLAT
def nap(timeout, fds=()):
    # Sleeps until a child ends (SIGCHLD wakes the pipe), one of fds is readable, or the timeout; then reaps.
    if KIDS:
        timeout = min(timeout, 0.05)
    r = select.select([WAKE[0]] + list(fds), [], [], max(timeout, 0))[0]
    if WAKE[0] in r:
        try:
            os.read(WAKE[0], 4096)
        except OSError:
            pass
    reap()
    return r
def claim(sd, d):
    # A lock on the step directory, held until the step is on record: of concurrent starts (two laptops,
    # two servers) one sets up, the others wait and then see it running.
    lk = os.open(sd, os.O_RDONLY | os.O_DIRECTORY)
    t = time.time() + 10
    while True:
        try:
            fcntl.flock(lk, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return lk
        except BlockingIOError:
            if time.time() > t:
                os.close(lk)
                raise Fail("another start of " + d + " has held its lock for 10 s")
            time.sleep(0.005)
def start(st, step, att, timeout, body):
    d = adir(st, step, att)
    timeout = num("timeout", timeout)
    os.makedirs(st + "/" + step, mode=0o700, exist_ok=True)
    lk = claim(st + "/" + step, d)
    try:
        if os.path.exists(d + "/pid") or os.path.exists(d + "/exit"):
            return status_line(d)
        # A directory without a pid file is a start cut short before its step was let run: begin afresh.
        os.makedirs(d, mode=0o700, exist_ok=True)
        with open(d + "/cmd", "wb") as f:
            f.write(body)
        out = os.open(d + "/output", os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_TRUNC, 0o600)
        # The step waits on a gate until its pid is on record: a server killed before that leaves no step
        # running unrecorded (the child reads EOF and ends), so a later start may safely begin it afresh.
        gr, gw = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.setsid()
                # Python ignores SIGPIPE (and SIGXFSZ); an ignored signal stays ignored across exec: give the step the defaults.
                for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGCHLD):
                    signal.signal(sig, signal.SIG_DFL)
                os.close(gw)
                nul = os.open("/dev/null", os.O_RDONLY)
                os.dup2(nul, 0)
                os.dup2(out, 1)
                os.dup2(out, 2)
                if os.read(gr, 1) == b"g":
                    os.execv("/bin/sh", ["sh", d + "/cmd"])
            finally:
                os._exit(127)
        os.close(gr)
        os.close(out)
        wr(d + "/pid", "%d %d %d %s\n" % (os.getpid(), pid, int(time.time()), boot()))
        os.write(gw, b"g")
        os.close(gw)
        KIDS[pid] = [d, time.time() + timeout if timeout > 0 else 0, 0]
        return ("%sstarted %d\n" % (PFX.decode(), pid)).encode()
    finally:
        os.close(lk)
def read(st, step, att, off, mx):
    d = adir(st, step, att)
    off, mx = num("offset", off), num("max", mx)
    s, c, t = state(d)
    n = size(d + "/output")
    if off > n:
        raise Fail("offset %d is past the end of the output (%d bytes)" % (off, n))
    ln = min(n - off, mx)
    data = b""
    if ln:
        # Read into one reused buffer and hand out a view: a new multi-MiB bytes per reply (and its
        # copy into the reply) cost more than the read.
        if len(RBUF[0]) < ln:
            RBUF[0] = bytearray(ln)
        with open(d + "/output", "rb") as f:
            f.seek(off)
            ln = f.readinto(memoryview(RBUF[0])[:ln])
        data = memoryview(RBUF[0])[:ln]
    return [("%sread %d %d %s %s %d\n" % (PFX.decode(), off, ln, s, c, t)).encode(), data]
def wait(st, step, att, off, mx, ms):
    d = adir(st, step, att)
    off_n, ms_n = num("offset", off), num("wait", ms)
    t0 = time.time()
    end = t0 + ms_n / 1000.0
    while True:
        s = state(d)[0]
        now = time.time()
        grown = size(d + "/output") - off_n
        # New output goes back at once when there is plenty, else after up to 5 ms more of it: fewer,
        # fuller replies while a step prints fast, and still no noticeable delay for a slow one.
        if s != "running" or now >= end or grown >= 65536 or (grown > 0 and now - t0 >= 0.005):
            break
        nap(min(end - now, 0.002 if grown > 0 or now - t0 < 0.05 else 0.02))
    return read(st, step, att, off, mx)
def kill(st, step, att):
    d = adir(st, step, att)
    if state(d)[0] != "running":
        return status_line(d)
    pg = int(rd(d + "/pid")[1])
    killpg(pg, signal.SIGTERM)
    KILLAT[pg] = time.time() + GRACE
    return ("%skilled %d\n" % (PFX.decode(), pg)).encode()
def cp_add(st, step, att):
    name("step", step)
    name("attempt", att)
    os.makedirs(st, mode=0o700, exist_ok=True)
    line = "%s %s %d\n" % (step, att, int(time.time()))
    fd = os.open(st + "/checkpoints", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.write(fd, line.encode())
    os.close(fd)
    return (PFX.decode() + "checkpoint " + line).encode()
def cp_list(st):
    out = []
    for l in (open(st + "/checkpoints").read().splitlines() if os.path.exists(st + "/checkpoints") else []):
        w = l.split()
        if len(w) >= 3:
            out.append("%scheckpoint %s %s %s\n" % (PFX.decode(), w[0], w[1], w[2]))
    return "".join(out).encode()
def put(st, mode, body):
    if not (len(mode) in (3, 4) and set(mode) <= set("01234567")):
        raise Fail("bad mode: " + mode)
    nl = body.find(b"\n")
    if nl < 0:
        raise Fail("put: no path line on stdin")
    p = body[:nl].decode()
    if not p.startswith("/"):
        raise Fail("put: not an absolute path: " + p)
    if "/../" in "/" + p + "/" or "/./" in "/" + p + "/":
        raise Fail("put: path with . or ..: " + p)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    old = os.umask(0o077)
    try:
        with open(p + ".ciab-tmp", "wb") as f:
            f.write(body[nl + 1:])
    finally:
        os.umask(old)
    os.chmod(p + ".ciab-tmp", int(mode, 8))
    os.rename(p + ".ciab-tmp", p)
    return ("%sput %d %s\n" % (PFX.decode(), size(p), p)).encode()
class Input:
    # Requests from stdin, read without blocking the reaping of steps.
    def __init__(self):
        self.buf = b""
        self.eof = False
    def fill(self):
        while 0 not in nap(1.0, [0]):
            pass
        b = os.read(0, 1 << 20)
        if not b:
            self.eof = True
        self.buf += b
    def line(self):
        while b"\n" not in self.buf and not self.eof:
            self.fill()
        if b"\n" not in self.buf:
            return b""
        i = self.buf.index(b"\n") + 1
        l, self.buf = self.buf[:i], self.buf[i:]
        return l
    def take(self, n):
        while len(self.buf) < n and not self.eof:
            self.fill()
        b, self.buf = self.buf[:n], self.buf[n:]
        return b
def detach():
    # Our first process stays in the SSH session and holds it open (sshd closes the stdin of a session
    # whose process ended); the server itself runs two forks away in a session of its own, so nothing
    # that ends the SSH session tree (a cut connection, a killed login) reaches it or its steps.
    r, w = os.pipe()
    if os.fork() > 0:
        os.close(w)
        os.close(0)
        rc = b""
        while True:
            try:
                b = os.read(r, 1)
            except InterruptedError:
                continue
            if not b:
                break
            rc = b
        # The server sends its exit status as one byte before it ends.
        os._exit(rc[0] if rc else 0)
    os.setsid()
    if os.fork() > 0:
        os._exit(0)
    os.close(r)
    HOLD.append(w)
def serve(st):
    os.umask(0o077)
    os.makedirs(st, mode=0o700, exist_ok=True)
    detach()
    r, w = os.pipe()
    os.set_blocking(w, False)
    WAKE[0] = r
    signal.set_wakeup_fd(w)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    out = sys.stdout.buffer
    inp = Input()
    try:
        out.write(("@@ciab-ctl-ready 1 %d\n" % os.getpid()).encode())
        out.flush()
        rc = serve_requests(st, inp, out)
    except (BrokenPipeError, ConnectionResetError):
        rc = 0
    try:
        os.write(HOLD[0], bytes([rc]))
    except OSError:
        pass
    # The channel is gone: stay until the steps we started have ended and their exits are on record.
    while busy():
        nap(1.0)
    return rc
def serve_requests(st, inp, out):
    subs = {"start": (start, 4), "start-wait": (None, 7), "status": (None, 3), "read": (read, 5), "wait": (wait, 6),
            "kill": (kill, 3), "checkpoint-add": (cp_add, 3), "checkpoint-list": (cp_list, 1), "put": (put, 2), "ping": (None, 0)}
    while True:
        line = inp.line()
        if not line:
            return 0
        w = line.decode("latin-1").split()
        if len(w) < 3 or not w[2].isdigit():
            sys.stderr.write("%serror bad request: %s\n" % (PFX.decode(), line.decode("latin-1").strip()))
            sys.stderr.flush()
            return 2
        rid, sub, ln = w[0], w[1], int(w[2])
        args = w[3:]
        body = inp.take(ln) if ln else b""
        o, e, rc = b"", b"", 0
        try:
            if sub == "ping":
                pass
            elif sub == "status":
                if len(args) != 2:
                    raise Fail("usage: status STATE STEP ATTEMPT")
                reap()
                o = status_line(adir(st, *args))
            elif sub == "start-wait":
                if len(args) != 6:
                    raise Fail("usage: start-wait STATE STEP ATTEMPT TIMEOUT_S OFFSET MAX_BYTES WAIT_MS")
                o = [start(st, args[0], args[1], args[2], body)] + wait(st, args[0], args[1], args[3], args[4], args[5])
            elif sub in subs:
                fn, n = subs[sub]
                if len(args) != n - 1:
                    raise Fail("usage: " + sub)
                o = fn(st, *args, body) if sub in ("start", "put") else fn(st, *args)
            else:
                raise Fail("unknown subcommand: " + sub)
        except Fail as x:
            e, rc = ("%serror %s\n" % (PFX.decode(), x)).encode(), 2
        except OSError as x:
            e, rc = ("%serror %s\n" % (PFX.decode(), x)).encode(), 2
        parts = o if isinstance(o, list) else [o]
        out.write(("@@ciab-ctl %s %d %d %d\n" % (rid, rc, sum(len(x) for x in parts), len(e))).encode())
        for x in parts:
            out.write(x)
        out.write(e)
        out.flush()
sys.exit(serve(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] == "serve" else 2)
'

[ $# -gt 0 ] || fail 'missing subcommand'
sub=$1
shift
case $sub in
  start) cmd_start "$@" ;;
  status) cmd_status "$@" ;;
  read) cmd_read "$@" ;;
  follow) cmd_follow "$@" ;;
  run) cmd_run "$@" ;;
  kill) cmd_kill "$@" ;;
  checkpoint-add) cmd_checkpoint_add "$@" ;;
  checkpoint-list) cmd_checkpoint_list "$@" ;;
  wait) cmd_wait "$@" ;;
  serve) cmd_serve "$@" ;;
  serve-sh) CIAB_SERVE=sh cmd_serve "$@" ;;
  *) fail "unknown subcommand: $sub" ;;
esac
