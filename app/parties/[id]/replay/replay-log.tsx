"use client";

import type { ReplayMessage } from "@/server/room/replay-party.types";
import { formatTimecode } from "@/shared/format-timecode";
import { useFollowLog } from "../room/use-follow-log";

/** The chat as it stood at the replay position: it follows new messages unless the reader scrolled up. */
export function ReplayLog(props: { messages: ReplayMessage[]; total: number }) {
  const { ref, onScroll, unseen, jump } = useFollowLog(props.messages.length);
  return (
    <section aria-labelledby="replay-chat-heading" className="card flex h-full min-h-0 flex-col gap-2" data-testid="replay-chat">
      <h2 id="replay-chat-heading" className="m-0 text-lg">
        Chat
      </h2>
      <div className="relative min-h-0 flex-1">
        <div
          ref={ref}
          onScroll={onScroll}
          role="log"
          aria-live="polite"
          aria-label="Chat up to this point"
          tabIndex={0}
          className="absolute inset-0 overflow-y-auto overscroll-contain pr-1"
          data-testid="replay-messages"
        >
          {props.messages.length === 0 ? (
            <p className="hint">{props.total === 0 ? "Nobody wrote in this episode." : "Nothing said yet at this point: play the replay and the chat comes in."}</p>
          ) : null}
          <ol className="m-0 list-none p-0">
            {props.messages.map((m) => (
              <li key={m.id} className="border-b border-raised py-1.5" data-testid="replay-message">
                <span className="text-sm text-muted">
                  {m.senderName} · E{m.episode} {formatTimecode(m.positionMs)}
                </span>{" "}
                <span>{m.text}</span>
                {Object.entries(m.reactions).map(([emoji, count]) => (
                  <span key={emoji} className="ml-1 rounded bg-raised px-1.5 text-sm">
                    {emoji} {count}
                  </span>
                ))}
              </li>
            ))}
          </ol>
        </div>
        {unseen > 0 ? (
          <button type="button" className="absolute bottom-2 left-1/2 m-0 -translate-x-1/2 shadow-lg" onClick={jump}>
            {unseen} new {unseen === 1 ? "message" : "messages"} ↓
          </button>
        ) : null}
      </div>
    </section>
  );
}
