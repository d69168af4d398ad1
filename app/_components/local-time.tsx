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

/** The browser's own locale; null while rendering on the server (which renders en-US until hydration). */
export function useViewerLocale(): string | null {
  return useSyncExternalStore(
    subscribe,
    () => navigator.language,
    () => null,
  );
}

/** In the viewer's locale, with the zone's abbreviation where the locale has one (CET, EDT) and its offset otherwise. */
export function formatInZone(iso: string, timeZone: string, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, {
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
  const locale = useViewerLocale() ?? undefined;
  const zone = timeZone ?? viewerZone ?? "UTC";
  return (
    <time dateTime={iso} data-testid={testId} data-zone={zone}>
      {formatInZone(iso, zone, locale)}
    </time>
  );
}
