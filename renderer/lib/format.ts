// SPDX-License-Identifier: Apache-2.0
// Pure text formatting for durations and times shown to the operator.

/** A duration as m:ss or h:mm:ss ("0:07", "12:03", "1:02:03"); negative counts as zero. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** How long ago `iso` was, relative to `now` ("just now", "5 minutes ago", "3 days ago"). */
export function formatAgo(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'at an unknown time';
  const sec = Math.round((now - then) / 1000);
  if (sec < 45) return 'just now';
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  const min = Math.max(1, Math.round(sec / 60));
  if (min < 60) return plural(min, 'minute');
  const hours = Math.round(min / 60);
  if (hours < 24) return plural(hours, 'hour');
  return plural(Math.round(hours / 24), 'day');
}

/** A local date and time without seconds, ISO-like so it reads the same everywhere ("2025-11-22 14:03"). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A local clock time with seconds, for log lines ("14:03:22"). */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '--:--:--';
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The target as an operator writes it: user@host, the port only when it is not 22, no user when ~/.ssh/config supplies it. */
export function formatTarget(t: { host: string; port: number; username?: string }): string {
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return `${t.username ? `${t.username}@` : ''}${t.port === 22 ? t.host : `${host}:${t.port}`}`;
}

/** A local clock time without seconds ("14:03"). */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '--:--';
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A short duration in words: "under 0.1 s", "0.4 s" under 10 s, "12 s" under a minute, then "3 min 5 s". */
export function formatSeconds(ms: number): string {
  const v = Math.max(0, Number.isFinite(ms) ? ms : 0);
  if (v < 50) return 'under 0.1 s';
  if (v < 10_000) return `${(Math.round(v / 100) / 10).toFixed(1)} s`;
  const s = Math.round(v / 1000);
  if (s < 60) return `${s} s`;
  const rest = s % 60;
  return `${Math.floor(s / 60)} min${rest > 0 ? ` ${rest} s` : ''}`;
}

/** A progress fraction (0..1, as the contract defines it) as a whole percentage clamped to 0..100. */
export function toPercent(progress: number): number {
  if (!Number.isFinite(progress)) return 0;
  return Math.min(100, Math.max(0, Math.floor(progress * 100)));
}

/** A size in decimal units as disk vendors print them ("1.0 TB", "480 GB", "512 MB"). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 || v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
