"use client";

import { useMemo, useState, useSyncExternalStore } from "react";
import { currentZoneName, zoneChoices } from "@/shared/time-zones";
import { formatOffset, offsetMinutesOf, searchZones, type ZoneSearch } from "@/shared/zone-search";
import type { FieldA11y } from "../_components/form-field";

const subscribe = () => () => undefined;
/** False while hydrating (and on the server), true after: the browser's own zone list differs from Node's. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

type Choice = ReturnType<typeof zoneChoices>[number] & { offsetMinutes: number; offset: string };

function describe(search: ZoneSearch<Choice>, query: string): string {
  if (search.kind === "all") return "";
  if (search.matches.length === 0) return "No zone matches: try a city nearby, an abbreviation such as EST or CET, or an offset such as UTC+9.";
  if (search.kind === "named") {
    if (search.meanings.length > 1) return `“${query.trim()}” can mean ${search.meanings.length} zones: choose yours.`;
    const only = search.meanings[0]!;
    return `${only.label}: ${only.zone.city} (${only.zone.offset}).`;
  }
  if (search.kind === "offset") return `${search.matches.length} ${search.matches.length === 1 ? "zone is" : "zones are"} at ${formatOffset(search.offsetMinutes)} now.`;
  return `${search.matches.length} ${search.matches.length === 1 ? "zone matches" : "zones match"}.`;
}

/**
 * A time-zone select that is searched by what people type: a city, an
 * abbreviation (EST, PDT, CET, IST…), a name (Eastern, Pacific) or a UTC
 * offset. Current IANA names only (Asia/Kolkata rather than Asia/Calcutta);
 * the chosen zone always stays in the list. An ambiguous abbreviation (IST)
 * offers its meanings instead of choosing one.
 */
export function ZonePicker(props: { a11y: FieldA11y; initial: string; onChange?: (zone: string) => void }) {
  const initial = currentZoneName(props.initial);
  const hydrated = useHydrated();
  const all = useMemo<Choice[]>(() => {
    const zones = hydrated && typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    const now = new Date();
    return zoneChoices([...zones, initial]).map((c) => {
      const offsetMinutes = hydrated ? offsetMinutesOf(c.id, now) : 0;
      return { ...c, offsetMinutes, offset: hydrated ? formatOffset(offsetMinutes) : "" };
    });
  }, [initial, hydrated]);
  const [query, setQuery] = useState("");
  const [zone, setZoneState] = useState(initial);
  const setZone = (next: string) => {
    setZoneState(next);
    props.onChange?.(next);
  };
  const search = searchZones(all, query);
  const shown = search.matches;
  const options = shown.some((c) => c.id === zone) ? shown : [...all.filter((c) => c.id === zone), ...shown];
  const ambiguous = search.kind === "named" && search.meanings.length > 1 ? search.meanings : null;
  const searchId = `${props.a11y.id}-search`;

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-1">
      <label htmlFor={searchId} className="text-sm font-normal text-muted">
        Find a zone (a city, an abbreviation or a UTC offset)
      </label>
      <input
        id={searchId}
        type="search"
        autoComplete="off"
        placeholder="Berlin, EST, Pacific, UTC+9…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          const found = searchZones(all, e.target.value);
          const isAmbiguous = found.kind === "named" && found.meanings.length > 1;
          const first = found.matches[0];
          if (first && !isAmbiguous && found.kind !== "all") setZone(first.id);
        }}
      />
      {ambiguous ? (
        <div className="chip-row" role="group" aria-label={`Which ${query.trim()}?`} data-testid="zone-meanings">
          {ambiguous.map(({ label, zone: z }) => (
            <button key={z.id} type="button" className="chip" aria-pressed={zone === z.id} onClick={() => setZone(z.id)}>
              {label} <span className="font-normal">({z.city}, {z.offset})</span>
            </button>
          ))}
        </div>
      ) : null}
      <select {...props.a11y} value={zone} onChange={(e) => setZone(e.target.value)}>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.city} ({c.region === c.city ? c.id : c.region}
            {c.offset ? `, ${c.offset}` : ""})
          </option>
        ))}
      </select>
      <p className="hint" aria-live="polite" data-testid="zone-search-hint">
        {describe(search, query)}
      </p>
    </div>
  );
}
