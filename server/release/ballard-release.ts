/**
 * What the app knows about the show's release, in the project's own words,
 * from the article dated 2025-07-12 (paragraphs cited).
 */
export const BALLARD_RELEASE = {
  show: "Ballard",
  service: "Prime Video",
  /** Paragraph 1: a spinoff of Bosch and Bosch: Legacy, with Maggie Q as Detective Renée Ballard. */
  summary:
    "Maggie Q leads this spinoff of Bosch as Detective Renée Ballard, who takes charge of the LAPD's underfunded cold case unit.",
  /** Paragraph 8: every episode arrived at once, at 3 a.m. Eastern on July 9, 2025. */
  premiere: { localDateTime: "2025-07-09T03:00:00", timeZone: "America/New_York" },
  episodeCount: 10,
  source: { article: "ballard-article-2025-07-12", paragraphs: [1, 8] },
} as const;

export const EPISODE_NUMBERS = Array.from({ length: BALLARD_RELEASE.episodeCount }, (_, i) => i + 1);
