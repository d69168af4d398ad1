"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { MAX_MESSAGE_LENGTH, REACTIONS, type Reaction } from "@/server/room/room";
import { splitMessage } from "@/shared/split-message";
import { isSpoilerFor, type ShowPoint, type SpoilerMemory } from "@/shared/spoiler";
import type { HistoryMessage } from "@/server/realtime/protocol";
import { ChatMessageItem, type HiddenBecause } from "./chat-message";
import { SpoilerShield } from "./spoiler-shield";
import { useFollowLog } from "./use-follow-log";

/** The counter shows from this many characters on. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 100;

/** "Typing" stops this long after the last keystroke; while keys keep coming it is refreshed this often. */
const TYPING_IDLE_MS = 3000;
const TYPING_REFRESH_MS = 4000;

/**
 * The chat: it fills its column, follows new messages unless the reader
 * scrolled up (then a "new messages" jump), hides what is ahead of the
 * furthest point the viewer reached, and carries their place in the episode.
 */
export function ChatPanel(props: {
  messages: HistoryMessage[];
  youId: string;
  muted: boolean;
  isModerator: boolean;
  typing: string[];
  point: ShowPoint;
  furthest: SpoilerMemory;
  revealed: string[];
  onReveal(messageId: string): void;
  /** The viewer's own spoiler shield: off, and where they say they are. */
  shieldOff: boolean;
  onShieldOff(off: boolean): void;
  onPlace(positionMs: number): Promise<string | null> | void;
  /** Resolves with an error message, or null once sent. */
  onSend(text: string, spoiler: boolean): Promise<string | null>;
  onTyping(typing: boolean): void;
  onReact(message: HistoryMessage | null, emoji: Reaction): void;
  onDelete(messageId: string): void;
  onMute(userId: string): void;
}) {
  const [draft, setDraft] = useState("");
  const [spoiler, setSpoiler] = useState(false);
  /** An over-long message waiting for the sender to choose: send it in parts, or keep editing. */
  const [parts, setParts] = useState<string[] | null>(null);
  const [sending, setSending] = useState(false);
  const { ref: logRef, onScroll, unseen, jump } = useFollowLog(props.messages.length);
  const { keystroke, stopTyping } = useTypingSignal(props.onTyping);
  const length = draft.trim().length;
  const over = length - MAX_MESSAGE_LENGTH;

  /** Sends each part in order; one that fails stays in the box with the rest (nothing is lost). */
  async function sendAll(texts: string[]) {
    setSending(true);
    try {
      for (let i = 0; i < texts.length; i++) {
        if ((await props.onSend(texts[i]!, spoiler)) !== null) {
          setDraft(texts.slice(i).join("\n"));
          return;
        }
      }
      setDraft("");
      setSpoiler(false);
      jump();
    } finally {
      setSending(false);
      setParts(null);
    }
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const text = draft.trim();
    if (!text || sending) return;
    stopTyping();
    // Too long: nothing is cut. The sender chooses to send it in parts or to shorten it.
    if (text.length > MAX_MESSAGE_LENGTH) return setParts(splitMessage(text, MAX_MESSAGE_LENGTH));
    void sendAll([text]);
  }

  const revealed = new Set(props.revealed);
  const hiddenBecause = (m: HistoryMessage): HiddenBecause => {
    if (m.senderId === props.youId || revealed.has(m.id)) return null;
    if (m.spoiler) return "marked";
    return !props.shieldOff && isSpoilerFor(m, props.point, props.furthest) ? "ahead" : null;
  };
  const hidden = new Map(props.messages.map((m) => [m.id, hiddenBecause(m)]));
  const aheadCount = [...hidden.values()].filter((h) => h === "ahead").length;
  return (
    <section aria-labelledby="chat-heading" className="card flex h-full min-h-0 flex-col gap-2" data-testid="chat">
      <h2 id="chat-heading" className="m-0 text-lg">
        Chat
      </h2>
      <SpoilerShield
        off={props.shieldOff}
        hiddenCount={aheadCount}
        episode={props.point.episode}
        placeMs={props.point.positionMs}
        onOff={props.onShieldOff}
        onPlace={props.onPlace}
      />
      <div className="relative min-h-0 flex-1">
        <div
          ref={logRef}
          onScroll={onScroll}
          role="log"
          aria-live="polite"
          aria-label="Messages"
          tabIndex={0}
          className="absolute inset-0 overflow-y-auto overscroll-contain pr-1"
          data-testid="messages"
        >
          {props.messages.length === 0 ? <p className="hint">No messages yet. Say hello: each message carries your place in the episode.</p> : null}
          <ol className="m-0 list-none p-0">
            {props.messages.map((m) => (
              <ChatMessageItem
                key={m.id}
                message={m}
                hidden={hidden.get(m.id) ?? null}
                onReveal={() => props.onReveal(m.id)}
                onReact={(emoji) => props.onReact(m, emoji)}
                moderation={
                  props.isModerator
                    ? { onDelete: () => props.onDelete(m.id), ...(m.senderId !== props.youId ? { onMute: () => props.onMute(m.senderId) } : {}) }
                    : undefined
                }
              />
            ))}
          </ol>
        </div>
        {unseen > 0 ? (
          <button type="button" className="absolute bottom-2 left-1/2 m-0 -translate-x-1/2 shadow-lg" onClick={jump} data-testid="new-messages">
            {unseen} new {unseen === 1 ? "message" : "messages"} ↓
          </button>
        ) : null}
      </div>
      <p aria-live="polite" className="hint min-h-[1.4em]" data-testid="typing">
        {props.typing.length > 0 ? `${props.typing.join(", ")} ${props.typing.length === 1 ? "is" : "are"} typing…` : ""}
      </p>
      {parts ? (
        <div role="alertdialog" aria-labelledby="too-long" className="grid gap-2 rounded-md bg-well p-2" data-testid="too-long">
          <p id="too-long" className="m-0">
            This message has {length.toLocaleString("en")} characters; one message holds {MAX_MESSAGE_LENGTH}. Nothing was sent or cut.
          </p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className="m-0" disabled={sending} onClick={() => void sendAll(parts)}>
              Send it as {parts.length} messages
            </button>
            <button type="button" className="secondary m-0" onClick={() => setParts(null)}>
              Keep editing
            </button>
          </div>
        </div>
      ) : null}
      <form onSubmit={submit} className="grid grid-cols-1 gap-1">
        <label htmlFor="chat-input" className="visually-hidden">
          Your message
        </label>
        <div className="flex items-end gap-2">
          <textarea
            id="chat-input"
            className="max-h-40 min-h-11 min-w-0 flex-1 resize-y"
            rows={Math.min(5, Math.max(1, draft.split("\n").length))}
            value={draft}
            disabled={props.muted}
            autoComplete="off"
            aria-describedby="chat-input-help"
            placeholder={props.muted ? "A host muted you" : "Say something…"}
            onChange={(e) => {
              setDraft(e.target.value);
              setParts(null);
              keystroke(e.target.value);
            }}
            onKeyDown={(e) => {
              // Enter sends; Shift+Enter starts a new line (and composing text in an IME is left alone).
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
            onBlur={stopTyping}
          />
          <button type="submit" className="mt-0" disabled={props.muted || sending}>
            Send
          </button>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked={spoiler} disabled={props.muted} onChange={(e) => setSpoiler(e.target.checked)} />
            Mark as a spoiler
          </label>
          <span id="chat-input-help" className={over > 0 ? "font-bold text-danger" : "text-muted"} aria-live={over > 0 ? "polite" : "off"} data-testid="chat-counter">
            {over > 0
              ? `${over.toLocaleString("en")} over the ${MAX_MESSAGE_LENGTH}-character limit`
              : length >= COUNTER_FROM
                ? `${MAX_MESSAGE_LENGTH - length} characters left`
                : "Shift+Enter for a new line"}
          </span>
        </div>
      </form>
      <div className="flex flex-wrap gap-1.5" role="group" aria-label="React to this moment">
        {REACTIONS.map((emoji) => (
          <button key={emoji} type="button" className="small secondary m-0 text-lg" aria-label={`React ${emoji} at this moment`} onClick={() => props.onReact(null, emoji)}>
            {emoji}
          </button>
        ))}
      </div>
    </section>
  );
}

/** "Typing…" for the others: sent when typing starts (refreshed while it goes on) and stopped a few seconds after the last key. */
function useTypingSignal(onTyping: (typing: boolean) => void) {
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopTyping = useCallback(() => {
    clearTimeout(idle.current);
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    onTyping(false);
  }, [onTyping]);
  const keystroke = useCallback(
    (text: string) => {
      clearTimeout(idle.current);
      if (text.length === 0) return stopTyping();
      const now = Date.now();
      if (now - lastSent.current >= TYPING_REFRESH_MS) {
        lastSent.current = now;
        onTyping(true);
      }
      idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
    },
    [onTyping, stopTyping],
  );
  useEffect(() => () => clearTimeout(idle.current), []);
  return useMemo(() => ({ keystroke, stopTyping }), [keystroke, stopTyping]);
}
