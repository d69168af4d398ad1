import { describe, expect, it } from "vitest";
import { zoneChoices } from "@/shared/time-zones";
import { formatOffset, offsetMinutesOf, parseUtcOffset, searchZones } from "@/shared/zone-search";

// Every zone this Node knows, each with its offset on a winter day (no daylight saving in the north).
const WINTER = new Date("2026-01-15T12:00:00Z");
const SUMMER = new Date("2026-07-15T12:00:00Z");
const choicesAt = (at: Date) => zoneChoices(Intl.supportedValuesOf("timeZone")).map((c) => ({ ...c, offsetMinutes: offsetMinutesOf(c.id, at) }));
const winter = choicesAt(WINTER);
const ids = (query: string, choices = winter) => searchZones(choices, query).matches.map((c) => c.id);

describe("time zones by what people type", () => {
  it("abbreviations find their zone first, in either season's form", () => {
    for (const [query, zone] of [
      ["EST", "America/New_York"],
      ["edt", "America/New_York"],
      ["PST", "America/Los_Angeles"],
      ["PDT", "America/Los_Angeles"],
      ["CET", "Europe/Berlin"],
      ["CEST", "Europe/Berlin"],
      ["AEST", "Australia/Sydney"],
      ["JST", "Asia/Tokyo"],
      ["MSK", "Europe/Moscow"],
    ] as const) {
      expect(ids(query)[0], query).toBe(zone);
    }
  });

  it("'EST' is not Bucharest: words match the start of a word, not inside one", () => {
    expect(ids("EST")).not.toContain("Europe/Bucharest");
    expect(ids("est").slice(0, 1)).toEqual(["America/New_York"]);
    expect(ids("bucha")).toEqual(["Europe/Bucharest"]);
  });

  it("names: Eastern, Pacific, 'Pacific time', Central European", () => {
    expect(ids("Eastern")[0]).toBe("America/New_York");
    expect(ids("Pacific")[0]).toBe("America/Los_Angeles");
    expect(ids("pacific time")[0]).toBe("America/Los_Angeles");
    expect(ids("Central European")[0]).toBe("Europe/Berlin");
  });

  it("an ambiguous abbreviation (IST, BST, CST) offers each meaning instead of choosing", () => {
    const ist = searchZones(winter, "IST");
    expect(ist.kind).toBe("named");
    if (ist.kind !== "named") return;
    expect(ist.meanings.map((m) => [m.label, m.zone.id])).toEqual([
      ["India Standard Time", "Asia/Kolkata"],
      ["Irish time", "Europe/Dublin"],
      ["Israel time", "Asia/Jerusalem"],
    ]);
    const bst = searchZones(winter, "BST");
    expect(bst.kind === "named" && bst.meanings.map((m) => m.zone.id)).toEqual(["Europe/London", "Asia/Dhaka"]);
    const est = searchZones(winter, "EST");
    expect(est.kind === "named" && est.meanings.length).toBe(1);
  });

  it("UTC offsets, as typed several ways, find the zones at that offset now, the known ones first", () => {
    expect(parseUtcOffset("UTC+9")).toBe(540);
    expect(parseUtcOffset("GMT-05:00")).toBe(-300);
    expect(parseUtcOffset("+5:30")).toBe(330);
    expect(parseUtcOffset("utc −3")).toBe(-180);
    expect(parseUtcOffset("utc 9")).toBe(540);
    expect(parseUtcOffset("UTC+25")).toBeNull();
    expect(parseUtcOffset("Berlin")).toBeNull();
    expect(ids("UTC+9")[0]).toBe("Asia/Tokyo");
    expect(ids("UTC+9")).toContain("Asia/Seoul");
    expect(ids("UTC+5:30")).toEqual(["Asia/Kolkata", ...ids("UTC+5:30").slice(1)]);
    expect(ids("UTC-5")[0]).toBe("America/New_York");
    // In July New York is at UTC−4: the offset is the one in force now.
    expect(ids("UTC-5", choicesAt(SUMMER))).not.toContain("America/New_York");
    expect(formatOffset(330)).toBe("UTC+5:30");
    expect(formatOffset(-420)).toBe("UTC−7");
  });

  it("cities: a zone's own, one that is not a zone's name, with accents or case", () => {
    expect(ids("los ang")).toEqual(["America/Los_Angeles"]);
    expect(ids("Boston")).toEqual(["America/New_York"]);
    expect(ids("Mumbai")).toEqual(["Asia/Kolkata"]);
    expect(ids("são paulo")).toEqual(["America/Sao_Paulo"]);
    expect(ids("ZURICH")).toEqual(["Europe/Zurich"]);
    expect(ids("no such place")).toEqual([]);
    expect(searchZones(winter, "  ").kind).toBe("all");
  });
});
