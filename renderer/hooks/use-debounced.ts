// SPDX-License-Identifier: Apache-2.0
// Debounces a callback, with a flush so a pending value is sent before the operator moves on.
import { useCallback, useEffect, useRef } from 'react';

/** A debounced `fn(value)`; `flush()` runs a pending call now, `cancel()` drops it. */
export function useDebounced<T>(fn: (value: T) => void, ms: number): { call(value: T): void; flush(): void; cancel(): void } {
  const fnRef = useRef(fn);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingValue = useRef<{ value: T } | null>(null);

  useEffect(() => {
    fnRef.current = fn;
  }, [fn]);

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const p = pendingValue.current;
    pendingValue.current = null;
    if (p) fnRef.current(p.value);
  }, []);

  const call = useCallback(
    (value: T) => {
      pendingValue.current = { value };
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(flush, ms);
    },
    [flush, ms],
  );

  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    pendingValue.current = null;
  }, []);

  // Whatever the operator typed last still reaches the backend when the screen goes away.
  useEffect(() => flush, [flush]);

  return { call, flush, cancel };
}
