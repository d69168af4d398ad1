"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/** The browser's own time zone; null while rendering on the server. */
export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

export function formatInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "long",
    month: "long",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(iso));
}

/**
 * An instant in the viewer's own time zone (or in `timeZone` when given).
 * The server cannot know the viewer's zone, so it renders UTC until hydration.
 */
export function LocalTime({ iso, timeZone, testId }: { iso: string; timeZone?: string; testId?: string }) {
  const viewerZone = useViewerTimeZone();
  const zone = timeZone ?? viewerZone ?? "UTC";
  return (
    <time dateTime={iso} data-testid={testId} data-zone={zone}>
      {formatInZone(iso, zone)}
    </time>
  );
}
