// SPDX-License-Identifier: Apache-2.0
// Ticking clocks, so long work never looks frozen and "saved 5 minutes ago" stays true.
import { useEffect, useState } from 'react';

/** Milliseconds since the component mounted, updated every second (give it a `key` to restart). */
export function useElapsed(): number {
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return Math.max(0, now - start);
}

/** The current time, refreshed every `ms`. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
