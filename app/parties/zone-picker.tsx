"use client";

import { useMemo, useState } from "react";
import { currentZoneName, matchZones, zoneChoices } from "@/server/parties/time-zones";
import type { FieldA11y } from "../_components/form-field";

/** "UTC+1", "UTC−7": the zone's offset now. */
function offsetNow(zone: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName");
  return (name?.value ?? "").replace("GMT", "UTC");
}

/**
 * A time-zone select that can be searched by city: the box above narrows the
 * list (current IANA names only, Asia/Kolkata rather than Asia/Calcutta), the
 * chosen zone always stays in it.
 */
export function ZonePicker(props: { a11y: FieldA11y; initial: string }) {
  const initial = currentZoneName(props.initial);
  const all = useMemo(() => {
    const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    return zoneChoices([...zones, initial]).map((c) => ({ ...c, offset: offsetNow(c.id) }));
  }, [initial]);
  const [query, setQuery] = useState("");
  const [zone, setZone] = useState(initial);
  const shown = matchZones(all, query);
  const options = shown.some((c) => c.id === zone) ? shown : [...all.filter((c) => c.id === zone), ...shown];
  const searchId = `${props.a11y.id}-search`;

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-1">
      <label htmlFor={searchId} className="text-sm font-normal text-muted">
        Find a city
      </label>
      <input
        id={searchId}
        type="search"
        autoComplete="off"
        placeholder="Berlin, Los Angeles…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          const first = matchZones(all, e.target.value)[0];
          if (first && e.target.value.trim() !== "") setZone(first.id);
        }}
      />
      <select {...props.a11y} value={zone} onChange={(e) => setZone(e.target.value)}>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.city} ({c.region === c.city ? c.id : c.region}, {c.offset})
          </option>
        ))}
      </select>
      <p className="hint" aria-live="polite">
        {query.trim() === "" ? "" : shown.length === 0 ? "No zone matches: try another city nearby." : `${shown.length} ${shown.length === 1 ? "zone matches" : "zones match"}.`}
      </p>
    </div>
  );
}
