/**
 * The service worker's side of the panel beside the player: keeps the
 * party's chat, presence, last clock change and trivia round from the link's
 * connection (panel-model.ts), passes each change to the synced tab's panel,
 * and sends the panel's chat, reactions and answers on the same connection,
 * where the server applies the room's rules to them (docs/extension.md).
 */
import type { Socket } from "socket.io-client";
import { describeClockChange } from "../../shared/clock-change";
import type { ClockState } from "../../shared/party-clock";
import type { AckResult, ClientEventName, ClientEvents, ClientPayload, ClientResult, RoomSnapshot, ServerEvents } from "../../server/realtime/protocol";
import type { Reaction } from "../../server/room/room";
import type { AnswerInput } from "../../server/trivia/round";
import { dueMoment } from "../../shared/trivia-moments";
import { applyPanelEvent, PANEL_MESSAGES, viewerNow, type PanelEvent, type PanelModel, type ViewerPoint } from "./panel-model";

/** What the panel asks the worker. */
export type PanelRequest =
  | { type: "panel-hello" }
  | { type: "panel-chat"; clientId: string; text: string }
  | { type: "panel-react"; emoji: Reaction }
  | { type: "panel-answer"; roundId: string; questionIndex: number; answer: AnswerInput }
  | { type: "panel-moment-answer"; pinId: string; answer: AnswerInput };
/** The worker's answer to a panel request: the model (hello), or whether the server took it and why not. */
export type PanelReply = { ok: true; model?: PanelModel | null } | { ok: false; message: string };
/** From the worker to the synced tab's top frame. */
export type PanelPush = { type: "panel-event"; event: PanelEvent };

export const isPanelRequest = (request: { type: string }): request is PanelRequest => request.type.startsWith("panel-");

/** A room event through the typed client (shared/room-client.ts): payload and result typed by the event. */
type Call = <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => Promise<AckResult<ClientResult<E>>>;

/** The events the panel sends. */
type PanelSends = "chat:send" | "chat:react" | "trivia:answer" | "trivia:moment-answer";

export function createPanelRelay(deps: {
  /** To the synced tab's top frame (nothing when no tab is synced). */
  push(message: PanelPush): void;
  call: Call;
  /** Where the viewer is: their player's last reading, or the party clock. */
  viewer(): ViewerPoint | null;
  serverOffsetMs(): number;
}) {
  let model: PanelModel | null = null;
  let clock: ClockState | null = null;
  /** Pinned questions whose "shown" report is on its way. */
  const reporting = new Set<string>();

  function apply(event: PanelEvent): void {
    model = applyPanelEvent(model, event);
    deps.push({ type: "panel-event", event });
  }

  function attach(socket: Socket<ServerEvents, ClientEvents>, partyId: string): void {
    const ours = (p: { partyId: string }) => p.partyId === partyId && model !== null;
    socket.on("chat:message", (p) => ours(p) && apply({ kind: "message", message: p.message }));
    socket.on("chat:deleted", (p) => ours(p) && apply({ kind: "deleted", messageId: p.messageId }));
    socket.on("chat:reaction", (p) => ours(p) && deps.push({ type: "panel-event", event: { kind: "reaction", emoji: p.emoji, userId: p.userId } }));
    socket.on("presence:update", (p) => ours(p) && apply({ kind: "presence", presence: p.presence }));
    socket.on("member:sanctioned", (p) => {
      if (ours(p) && p.userId === model?.me.userId && p.kind !== "removed") apply({ kind: "muted", muted: p.kind === "muted" });
    });
    socket.on("clock:state", (p) => {
      if (!ours(p) || (clock && p.clock.version <= clock.version)) return;
      const change = describeClockChange(clock, p.clock, Date.now() + deps.serverOffsetMs());
      clock = p.clock;
      if (change) apply({ kind: "action", text: `${p.by} ${change.did}.` });
    });
    socket.on("trivia:round", (p) => ours(p) && apply({ kind: "round", round: p.round }));
    socket.on("trivia:you", (p) => ours(p) && apply({ kind: "you", you: p.you }));
    socket.on("trivia:answered", (p) => ours(p) && apply({ kind: "answered", roundId: p.roundId, index: p.index, answeredCount: p.answeredCount }));
    // Answered on another of this person's screens (the room page, another tab): not asked here again.
    socket.on("trivia:moment-result", (p) => {
      if (ours(p) && model?.round?.roundId === p.roundId) apply({ kind: "moment-answered", pinId: p.pinId, correct: p.correct, points: p.points, shownAt: p.shownAt, closesAt: p.closesAt });
    });
    socket.on("trivia:moments", (p) => {
      if (ours(p) && model?.round?.roundId === p.roundId) apply({ kind: "moments", moments: p.moments });
    });
  }

  /** After room:join: the room as it is, then the trivia round if one runs. */
  async function joined(snapshot: RoomSnapshot): Promise<void> {
    clock = snapshot.clock;
    apply({
      kind: "model",
      model: {
        partyId: snapshot.party.id,
        title: snapshot.party.title,
        me: { userId: snapshot.you.userId, role: snapshot.you.role, muted: snapshot.you.muted },
        messages: snapshot.messages.slice(-PANEL_MESSAGES),
        presence: snapshot.presence,
        lastAction: null,
        round: null,
        you: null,
        viewer: deps.viewer(),
        serverOffsetMs: deps.serverOffsetMs(),
        moments: [],
        asked: [],
      },
    });
    const trivia = await deps.call("trivia:sync", { partyId: snapshot.party.id }).catch(() => null);
    if (trivia?.ok) {
      const { data } = trivia;
      apply({ kind: "round", round: data.round });
      if (data.you) apply({ kind: "you", you: data.you });
      apply({ kind: "moments", moments: data.moments });
    }
  }

  function reset(): void {
    clock = null;
    apply({ kind: "model", model: null });
  }

  /** The viewer's player was read (every 2 s while synced). */
  function viewerMoved(): void {
    const viewer = deps.viewer();
    if (!model || !viewer) return;
    apply({ kind: "viewer", viewer, serverOffsetMs: deps.serverOffsetMs() });
    askDueMoment();
  }

  /** The viewer's player reached a pinned question: the server starts their time, then the panel asks it. */
  function askDueMoment(): void {
    // A host who runs the round without playing is not asked.
    if (!model?.round || model.you?.playing === false) return;
    const asked = new Set([...model.asked.map((a) => a.pinId), ...reporting]);
    const due = dueMoment(model.moments, viewerNow(model.viewer, Date.now()), asked);
    if (!due) return;
    const { partyId, round } = model;
    reporting.add(due.pinId);
    void deps
      .call("trivia:shown", { partyId, roundId: round.roundId, pinId: due.pinId })
      .then((result) => {
        // Refused (the party's clock is not there yet): asked again at the next reading.
        if (result.ok) apply({ kind: "moment-shown", pinId: due.pinId, ...result.data });
      })
      .catch(() => undefined)
      .finally(() => reporting.delete(due.pinId));
  }

  /** The answer as the panel shows it; `sent` takes the event's data when it was accepted. */
  async function send<E extends PanelSends>(event: E, payload: ClientPayload<E>, sent?: (data: ClientResult<E>) => void): Promise<PanelReply> {
    const result = await deps.call(event, payload).catch(() => null);
    if (!result) return { ok: false, message: "The party did not answer: try again." };
    if (!result.ok) return { ok: false, message: result.error.message };
    sent?.(result.data);
    return { ok: true };
  }

  async function handle(request: PanelRequest): Promise<PanelReply> {
    if (request.type === "panel-hello") return { ok: true, model };
    if (!model) return { ok: false, message: "The extension is not in the party yet." };
    const partyId = model.partyId;
    // Chat and reactions are placed where the viewer's own player is, as the room places them: the shield works on that.
    const at = deps.viewer() ?? { episode: clock?.episode ?? 1, positionMs: 0 };
    const where = { episode: at.episode, positionMs: Math.max(0, Math.round(at.positionMs)) };
    switch (request.type) {
      case "panel-chat":
        // The stored message at once (its broadcast may come later, or not to this connection): kept once by its id.
        return send("chat:send", { partyId, clientId: request.clientId, text: request.text, ...where }, (data) => apply({ kind: "message", message: data.message }));
      case "panel-react":
        return send("chat:react", { partyId, emoji: request.emoji, ...where });
      case "panel-answer":
        return send("trivia:answer", { partyId, roundId: request.roundId, questionIndex: request.questionIndex, answer: request.answer });
      case "panel-moment-answer": {
        if (!model.round) return { ok: false, message: "That round is over." };
        const { pinId } = request;
        return send("trivia:moment-answer", { partyId, roundId: model.round.roundId, pinId, answer: request.answer }, (data) =>
          apply({ kind: "moment-answered", pinId, correct: data.correct, points: data.points }),
        );
      }
    }
  }

  return { attach, joined, reset, viewerMoved, handle, model: () => model };
}
