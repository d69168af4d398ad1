import { describe, expect, it } from "vitest";
import { currentZoneName, matchZones, zoneChoices } from "@/shared/time-zones";

describe("time zones by city", () => {
  const choices = zoneChoices(["Asia/Calcutta", "Asia/Kolkata", "Europe/Kiev", "Europe/Berlin", "America/Los_Angeles", "America/Indiana/Indianapolis", "UTC"]);

  it("lists each zone once under its current IANA name, sorted by city", () => {
    expect(choices.map((c) => c.id)).toEqual(["Europe/Berlin", "America/Indiana/Indianapolis", "Asia/Kolkata", "Europe/Kyiv", "America/Los_Angeles", "UTC"]);
    expect(choices.find((c) => c.id === "America/Los_Angeles")).toEqual({ id: "America/Los_Angeles", region: "America", city: "Los Angeles" });
    expect(currentZoneName("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(currentZoneName("Europe/Paris")).toBe("Europe/Paris");
  });

  it("finds a zone by city, region or part of its name", () => {
    expect(matchZones(choices, "los ang").map((c) => c.id)).toEqual(["America/Los_Angeles"]);
    expect(matchZones(choices, "KYIV").map((c) => c.id)).toEqual(["Europe/Kyiv"]);
    expect(matchZones(choices, "europe").map((c) => c.id)).toEqual(["Europe/Berlin", "Europe/Kyiv"]);
    expect(matchZones(choices, "  ")).toHaveLength(choices.length);
  });
});
