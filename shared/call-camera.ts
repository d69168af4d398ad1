/**
 * What the call asks of a camera (docs/voice.md, "Cost per participant"). A
 * call tile is a few hundred pixels wide at most (two or three to a row beside
 * the stage), so 480×270 at 15 frames/s is all it can show; each of a mesh's
 * connections encodes the camera on its own (five encodes with six people) and
 * every page decodes and paints each camera it shows, so a camera asked for at
 * 30 frames/s and a size the tile never shows costs the sender N-1 times over
 * and every receiver too (and a phone's battery).
 */
export const CAMERA_CONSTRAINTS = { width: { ideal: 480 }, height: { ideal: 270 }, frameRate: { ideal: 15, max: 15 } } as const;
export const CAMERA_MAX_FRAMERATE = 15;
/** The most one camera sends on one connection, bits/s (a mesh's each; Janus's VideoRoom caps its publishers the same). */
export const CAMERA_MAX_BITRATE = 300_000;
