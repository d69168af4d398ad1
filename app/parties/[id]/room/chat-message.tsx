import type { ChatMessage } from "@/server/realtime/protocol";
import { formatTimecode } from "../../../_components/format-timecode";

export function ChatMessageItem(props: { message: ChatMessage; hidden: boolean; onReveal(): void; onReact(emoji: string): void; onDelete?: () => void }) {
  const { message: m } = props;
  return (
    <li className="border-b border-raised py-1.5" data-testid="message">
      <span className="text-sm text-muted">
        {m.senderName} · E{m.episode} {formatTimecode(m.positionMs)}
      </span>{" "}
      {props.hidden ? (
        <>
          <span className="spoiler" aria-hidden="true" data-testid="spoiler">
            {m.text}
          </span>
          <span className="visually-hidden">Hidden: written at a point you have not reached.</span>{" "}
          <button type="button" className="small secondary" onClick={props.onReveal}>
            Reveal spoiler
          </button>
        </>
      ) : (
        <span data-testid="message-text">{m.text}</span>
      )}
      <span className="ml-1 inline-flex flex-wrap items-center gap-1 align-middle">
        {Object.entries(m.reactions).map(([emoji, count]) => (
          <span key={emoji} className="rounded bg-raised px-1.5 text-sm">
            {emoji} {count}
          </span>
        ))}
        <button type="button" className="small secondary m-0" aria-label={`React 👍 to ${m.senderName}'s message`} onClick={() => props.onReact("👍")}>
          👍
        </button>
        {props.onDelete ? (
          <button type="button" className="small danger m-0" onClick={props.onDelete}>
            Delete
          </button>
        ) : null}
      </span>
    </li>
  );
}
