"use client";

import { useCallback, useLayoutEffect, useRef, useState } from "react";

/** How close to the bottom (px) still counts as "at the newest message". */
const AT_END_PX = 48;

/**
 * A chat log that follows new messages while the reader is at its end, and
 * otherwise counts what arrived below so a "new messages" button can jump there.
 */
export function useFollowLog(count: number) {
  const ref = useRef<HTMLDivElement | null>(null);
  const following = useRef(true);
  const seen = useRef(count);
  const [unseen, setUnseen] = useState(0);

  const jump = useCallback(() => {
    const log = ref.current;
    if (log) log.scrollTop = log.scrollHeight;
    following.current = true;
    seen.current = count;
    setUnseen(0);
  }, [count]);

  const onScroll = useCallback(() => {
    const log = ref.current;
    if (!log) return;
    following.current = log.scrollHeight - log.scrollTop - log.clientHeight <= AT_END_PX;
    if (following.current) {
      seen.current = count;
      setUnseen(0);
    }
  }, [count]);

  useLayoutEffect(() => {
    const log = ref.current;
    if (!log) return;
    if (following.current) {
      log.scrollTop = log.scrollHeight;
      seen.current = count;
    } else if (count > seen.current) setUnseen(count - seen.current);
  }, [count]);

  return { ref, onScroll, unseen, jump };
}
