"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { REACTIONS } from "@/server/room/room";
import { isSpoilerFor, type ShowPoint, type SpoilerMemory } from "@/server/room/spoiler";
import type { ChatMessage } from "@/server/realtime/protocol";
import { ChatMessageItem } from "./chat-message";
import { useFollowLog } from "./use-follow-log";

/** "Typing" stops this long after the last keystroke; while keys keep coming it is refreshed this often. */
const TYPING_IDLE_MS = 3000;
const TYPING_REFRESH_MS = 4000;

/**
 * The chat: it fills its column, follows new messages unless the reader
 * scrolled up (then a "new messages" jump), hides what is ahead of the
 * furthest point the viewer reached, and carries their place in the episode.
 */
export function ChatPanel(props: {
  messages: ChatMessage[];
  youId: string;
  muted: boolean;
  isModerator: boolean;
  typing: string[];
  point: ShowPoint;
  furthest: SpoilerMemory;
  revealed: string[];
  onReveal(messageId: string): void;
  /** Resolves with an error message, or null once sent. */
  onSend(text: string): Promise<string | null>;
  onTyping(typing: boolean): void;
  onReact(message: ChatMessage | null, emoji: string): void;
  onDelete(messageId: string): void;
}) {
  const [draft, setDraft] = useState("");
  const { ref: logRef, onScroll, unseen, jump } = useFollowLog(props.messages.length);
  const { keystroke, stopTyping } = useTypingSignal(props.onTyping);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    stopTyping();
    if ((await props.onSend(text)) === null) {
      setDraft("");
      jump();
    }
  }

  const revealed = new Set(props.revealed);
  return (
    <section aria-labelledby="chat-heading" className="card flex h-full min-h-0 flex-col gap-2" data-testid="chat">
      <h2 id="chat-heading" className="m-0 text-lg">
        Chat
      </h2>
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
                hidden={m.senderId !== props.youId && !revealed.has(m.id) && isSpoilerFor(m, props.point, props.furthest)}
                onReveal={() => props.onReveal(m.id)}
                onReact={(emoji) => props.onReact(m, emoji)}
                onDelete={props.isModerator ? () => props.onDelete(m.id) : undefined}
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
      <form onSubmit={submit} className="flex gap-2">
        <label htmlFor="chat-input" className="visually-hidden">
          Your message
        </label>
        <input
          id="chat-input"
          className="min-w-0 flex-1"
          value={draft}
          maxLength={500}
          disabled={props.muted}
          autoComplete="off"
          placeholder={props.muted ? "A host muted you" : "Say something…"}
          onChange={(e) => {
            setDraft(e.target.value);
            keystroke(e.target.value);
          }}
          onBlur={stopTyping}
        />
        <button type="submit" className="mt-0" disabled={props.muted}>
          Send
        </button>
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
