import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import { CARD_SIZE, type InviteCard } from "@/server/invites/invite-card";

// The font ships in the repo (assets/fonts): the card renders offline. Next's
// own docs read it from the project directory the server runs in.
const FONT_FILE = path.join(process.cwd(), "assets", "fonts", "Geist-Regular.ttf");
let font: Promise<Buffer> | undefined;

/**
 * The card drawn by satori (inline styles, flex boxes: what it understands).
 * The same `lines` are the card's page (InviteCardHtml), which tests read.
 */
function CardImage({ card }: { card: InviteCard }) {
  const accent = card.cancelled ? "#f87171" : "#fbbf24";
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: "64px 72px",
        background: "linear-gradient(135deg, #0b1220 0%, #1e293b 60%, #334155 100%)",
        color: "#f8fafc",
        fontFamily: "Geist",
      }}
    >
      <div style={{ display: "flex", flexDirection: "column" }}>
        <div style={{ display: "flex", fontSize: 30, color: accent, letterSpacing: 2, textTransform: "uppercase" }}>{card.kicker}</div>
        <div
          style={{
            display: "flex",
            marginTop: 24,
            fontSize: card.title.length > 40 ? 60 : 76,
            lineHeight: 1.1,
            textDecoration: card.cancelled ? "line-through" : "none",
          }}
        >
          {card.title}
        </div>
      </div>
      <div style={{ display: "flex", flexDirection: "column", borderLeft: `8px solid ${accent}`, paddingLeft: 28 }}>
        {card.lines.map((line, i) => (
          <div key={i} style={{ display: "flex", fontSize: i === 0 ? 38 : 32, marginTop: i === 0 ? 0 : 12, color: i === 0 ? "#ffffff" : "#cbd5e1" }}>
            {line}
          </div>
        ))}
      </div>
    </div>
  );
}

export async function inviteCardPng(card: InviteCard): Promise<Response> {
  font ??= readFile(FONT_FILE);
  return new ImageResponse(<CardImage card={card} />, {
    ...CARD_SIZE,
    fonts: [{ name: "Geist", data: await font, weight: 400, style: "normal" }],
    // Crawlers fetch a card again when a link is pasted; a minute keeps edits and cancelling current.
    headers: { "cache-control": "public, max-age=60" },
  });
}

/** The card as a page: the same lines as the image, for people and tests to read. */
export function InviteCardHtml({ card, imageUrl }: { card: InviteCard; imageUrl: string }) {
  return (
    <article className="invite-card-page">
      <p className="hint">This is what a link preview shows (the image below is the one chat apps fetch).</p>
      <section aria-label="Link preview" className="card" data-testid="invite-card" data-cancelled={card.cancelled ? "true" : "false"}>
        <p className="tag">{card.kicker}</p>
        <h1 data-testid="card-title">{card.title}</h1>
        <ul className="pl-5">
          {card.lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </section>
      <img src={imageUrl} alt={`Link preview: ${card.title}. ${card.lines.join(". ")}`} width={600} height={315} className="invite-card-image" />
    </article>
  );
}
