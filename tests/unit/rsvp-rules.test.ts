import { describe, expect, it } from "vitest";
import { decideRsvp, hasRoom, placesToFill } from "@/server/parties/rsvp-rules";

describe("capacity and waitlist", () => {
  it("lets people in while there is room, then waitlists them", () => {
    expect(decideRsvp({ capacity: 2, goingCount: 1, current: null }, "going")).toEqual({ status: "going", promoteNext: false });
    expect(decideRsvp({ capacity: 2, goingCount: 2, current: null }, "going")).toEqual({ status: "waitlisted", promoteNext: false });
    expect(decideRsvp({ capacity: null, goingCount: 5000, current: "maybe" }, "going")).toEqual({ status: "going", promoteNext: false });
  });

  it("keeps people where they are when they ask for going again", () => {
    expect(decideRsvp({ capacity: 1, goingCount: 1, current: "going" }, "going").status).toBe("going");
    expect(decideRsvp({ capacity: 1, goingCount: 1, current: "waitlisted" }, "going").status).toBe("waitlisted");
  });

  it("frees a place (and asks for a promotion) only when someone who was going leaves", () => {
    expect(decideRsvp({ capacity: 1, goingCount: 1, current: "going" }, "not_going")).toEqual({ status: "not_going", promoteNext: true });
    expect(decideRsvp({ capacity: 1, goingCount: 1, current: "going" }, "maybe")).toEqual({ status: "maybe", promoteNext: true });
    expect(decideRsvp({ capacity: 1, goingCount: 1, current: "waitlisted" }, "not_going")).toEqual({ status: "not_going", promoteNext: false });
  });

  it("counts how many waiting people fit", () => {
    expect(hasRoom(1, 0)).toBe(true);
    expect(hasRoom(1, 1)).toBe(false);
    expect(placesToFill(5, 3, 10)).toBe(2);
    expect(placesToFill(5, 5, 10)).toBe(0);
    expect(placesToFill(3, 5, 10)).toBe(0);
    expect(placesToFill(null, 5, 4)).toBe(4);
  });

  it("lets the host in whatever the capacity: they are never waitlisted at their own party", () => {
    expect(decideRsvp({ capacity: 2, goingCount: 2, current: null, isHost: true }, "going")).toEqual({ status: "going", promoteNext: false });
    expect(decideRsvp({ capacity: 1, goingCount: 1, current: "maybe", isHost: true }, "going")).toEqual({ status: "going", promoteNext: false });
  });
});
