"use client";

import { useEffect, useId, useRef, useState } from "react";
import { isReaction, REACTIONS, type Reaction } from "@/server/room/room";
import type { HistoryMessage } from "@/server/realtime/protocol";
import { formatTimecode } from "@/shared/format-timecode";

/** Why a message is hidden from this viewer: its sender marked it, or it is ahead of where they are. */
export type HiddenBecause = "marked" | "ahead" | null;

/**
 * One chat line: who, where in the episode, the text (hidden when it is a
 * spoiler for this viewer), its reactions as counts (a count is a button that
 * adds the same reaction), and a "⋯" menu with the reaction picker and, for a
 * host, the moderation actions. No red Delete on every line.
 */
export function ChatMessageItem(props: {
  message: HistoryMessage;
  hidden: HiddenBecause;
  onReveal(): void;
  onReact(emoji: Reaction): void;
  /** A host's or co-host's actions on someone's message. */
  moderation?: { onDelete(): void; onMute?: () => void };
}) {
  const { message: m } = props;
  return (
    <li className="group relative border-b border-raised py-1.5 pr-9" data-testid="message">
      <span className="text-sm text-muted">
        {m.senderName} · E{m.episode} {formatTimecode(m.positionMs)}
        {m.spoiler ? " · marked as a spoiler" : ""}
      </span>{" "}
      {props.hidden ? (
        <>
          <span className="spoiler whitespace-pre-wrap" aria-hidden="true" data-testid="spoiler">
            {m.text}
          </span>
          <span className="visually-hidden">
            {props.hidden === "marked" ? `Hidden: ${m.senderName} marked it as a spoiler.` : "Hidden: written at a point you have not reached."}
          </span>{" "}
          <button type="button" className="small secondary" onClick={props.onReveal}>
            Reveal spoiler
          </button>
        </>
      ) : (
        <span className="whitespace-pre-wrap break-words" data-testid="message-text">
          {m.text}
        </span>
      )}
      {Object.keys(m.reactions).length > 0 ? (
        <span className="mt-1 flex flex-wrap items-center gap-1" data-testid="message-reactions">
          {Object.entries(m.reactions).map(([emoji, count]) => (
            <button
              key={emoji}
              type="button"
              className="small secondary m-0 rounded-full px-2 py-0.5 text-sm"
              aria-label={`${emoji} ${count}: react ${emoji} to ${m.senderName}'s message too`}
              onClick={() => isReaction(emoji) && props.onReact(emoji)}
            >
              {emoji} <span className="tabular-nums">{count}</span>
            </button>
          ))}
        </span>
      ) : null}
      <MessageMenu message={m} onReact={props.onReact} moderation={props.moderation} />
    </li>
  );
}

/** The "⋯" disclosure of a message: every reaction, then a host's actions. Escape or a choice closes it. */
function MessageMenu(props: { message: HistoryMessage; onReact(emoji: Reaction): void; moderation: { onDelete(): void; onMute?: () => void } | undefined }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const wrapper = useRef<HTMLDivElement | null>(null);
  const toggle = useRef<HTMLButtonElement | null>(null);
  const { message: m, moderation } = props;
  useEffect(() => {
    if (!open) return;
    const away = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", away);
    return () => document.removeEventListener("pointerdown", away);
  }, [open]);
  const choose = (action: () => void) => {
    action();
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div
      ref={wrapper}
      className="absolute top-1 right-0"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="small secondary m-0 px-2 leading-none"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`Actions for ${m.senderName}'s message`}
        onClick={() => setOpen((o) => !o)}
        data-testid="message-menu"
      >
        ⋯
      </button>
      {open ? (
        <div id={id} className="absolute right-0 z-30 mt-1 grid w-max gap-2 rounded-lg bg-panel p-2 shadow-lg ring-1 ring-raised">
          <div className="flex gap-1" role="group" aria-label="React to this message">
            {REACTIONS.map((emoji) => (
              <button key={emoji} type="button" className="small secondary m-0 text-lg" aria-label={`React ${emoji} to ${m.senderName}'s message`} onClick={() => choose(() => props.onReact(emoji))}>
                {emoji}
              </button>
            ))}
          </div>
          {moderation ? (
            <div className="grid gap-1" role="group" aria-label="Moderation">
              <button type="button" className="small secondary m-0 text-left" onClick={() => choose(moderation.onDelete)}>
                Delete this message
              </button>
              {moderation.onMute ? (
                <button type="button" className="small secondary m-0 text-left" onClick={() => choose(moderation.onMute!)}>
                  Mute {m.senderName}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
