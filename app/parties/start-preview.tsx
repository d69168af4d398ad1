"use client";

import { DateTime } from "luxon";
import { currentZoneName } from "@/shared/time-zones";

/** "That is 9:00 PM on Friday, December 11 for you (Berlin)": the start the form will save, in the viewer's own zone. */
export function StartPreview(props: { startsAtLocal: string; zone: string; viewerZone: string | null }) {
  const start = props.startsAtLocal ? DateTime.fromISO(props.startsAtLocal, { zone: props.zone }) : null;
  let text = "";
  if (start?.isValid && props.viewerZone) {
    const mine = start.setZone(props.viewerZone);
    const when = mine.toLocaleString({ weekday: "long", month: "long", day: "numeric", hour: "numeric", minute: "2-digit" }, { locale: "en-US" });
    const city = currentZoneName(props.viewerZone).split("/").at(-1)!.replaceAll("_", " ");
    text =
      currentZoneName(props.viewerZone) === currentZoneName(props.zone)
        ? `Starts ${when}, your own time (${city}).`
        : `For you that is ${when} (your time, ${city}: ${mine.offsetNameShort ?? mine.toFormat("ZZ")}).`;
  }
  return (
    <p className="preview" aria-live="polite" data-testid="start-preview">
      {text}
    </p>
  );
}
