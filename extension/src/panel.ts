/// <reference types="chrome" />
/**
 * The party beside the player: injected into the synced tab's own page (top
 * frame only) with the player. Chat (with the spoiler shield driven by the
 * player's real position), reactions floating over the video, who is here and
 * how far each is from the clock, who paused or jumped, and the trivia
 * question of the moment, in a panel the viewer can collapse and move (drag
 * or arrow keys). It lives in a closed shadow root: the site's styles do not
 * reach it, and it touches nothing of the site's. Everything goes through the
 * service worker's link (panel-relay.ts). Plain DOM, no library: it is small.
 */
import { formatTimecode } from "../../shared/format-timecode";
import { rememberPoint, type SpoilerMemory } from "../../shared/spoiler";
import { currentMoment } from "../../shared/trivia-moments";
import type { PublicQuestion } from "../../server/trivia/round";
// A plain list and a number (no schema, no I/O), as the room page takes them.
import { isReaction, MAX_MESSAGE_LENGTH as MAX_MESSAGE, REACTIONS } from "../../server/room/room";
import { adapterFor } from "./adapters";
import { TEST_HOOKS } from "./config";
import { applyPanelEvent, driftLabel, panelAnswer, shieldMessages, viewerNow, type PanelEvent, type PanelModel } from "./panel-model";
import type { PanelPush, PanelReply, PanelRequest } from "./panel-relay";
import { PANEL_CSS } from "./panel-style";

type Marked = Window & { __ballardPanel?: true };
const MOVE_STEP = 24;

const ask = (request: PanelRequest) => chrome.runtime.sendMessage(request).catch(() => null) as Promise<PanelReply | null>;

/** A small element builder: text only (never HTML), attributes, children. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A message's id for resending (crypto.randomUUID needs a secure context; a site's page may not be one). */
const clientId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

function start(): void {
  if ((window as Marked).__ballardPanel) return;
  (window as Marked).__ballardPanel = true;

  let model: PanelModel | null = null;
  let memory: SpoilerMemory = {};
  let shieldOn = true;
  const revealed = new Set<string>();
  const rendered = new Map<string, HTMLLIElement>();
  /** The items pressed so far of an order question: the round's and the pinned one's. */
  const orders = { round: [] as number[], moment: [] as number[] };
  let shownQuestion = "";
  let shownMoment = "";

  // The host element: one custom element on the page, styled inline (a site's rules on where it is lose to !important).
  const host = document.createElement("ballard-party-panel");
  host.style.cssText = "all: initial; position: fixed !important; z-index: 2147483647 !important; display: block !important; right: 16px !important; bottom: 16px !important;";
  // Closed: the page's scripts cannot reach into it. Test builds leave it open so the browser tests can read it as a person would.
  const root = host.attachShadow({ mode: TEST_HOOKS ? "open" : "closed" });

  const title = el("h2", { id: "bwp-title" }, "Watch party");
  const move = el("button", { type: "button", class: "icon", "aria-label": "Move the panel (arrow keys)", title: "Drag, or use the arrow keys" }, "✥");
  const collapse = el("button", { type: "button", class: "icon", "aria-expanded": "true", "aria-controls": "bwp-body", "aria-label": "Hide the party" }, "▾");
  const bar = el("div", { class: "bar" }, title, move, collapse);
  const action = el("p", { class: "action", role: "status" });
  const people = el("ul", { class: "people", "aria-label": "Who is here" });
  const trivia = el("section", { class: "trivia", "aria-label": "Trivia" });
  trivia.hidden = true;
  const momentBox = el("section", { class: "trivia", "aria-label": "A question at this moment" });
  momentBox.hidden = true;
  const shieldText = el("span", { class: "shield-text" });
  const shieldButton = el("button", { type: "button", class: "small", "aria-pressed": "true" }, "🛡 Shield on");
  const shield = el("p", { class: "shield" }, shieldButton, " ", shieldText);
  // The messages: a list, in a live log (a role on the list itself would take the list's meaning away).
  const log = el("ol", { class: "messages" });
  const logBox = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Messages" }, log);
  const input = el("input", { id: "bwp-message", type: "text", maxlength: String(MAX_MESSAGE), autocomplete: "off", placeholder: "Say something" });
  const form = el("form", { class: "send", "aria-label": "Send a message" }, el("label", { for: "bwp-message", class: "visually-hidden" }, "Message"), input, el("button", { type: "submit" }, "Send"));
  const problem = el("p", { class: "problem", role: "alert" });
  const reactions = el("div", { class: "reactions", role: "group", "aria-label": "React" }, ...REACTIONS.map((emoji) => el("button", { type: "button", "aria-label": `React ${emoji}`, "data-emoji": emoji }, emoji)));
  const body = el("div", { id: "bwp-body", class: "body" }, action, people, trivia, momentBox, shield, logBox, problem, form, reactions);
  const panel = el("section", { class: "panel", "aria-labelledby": "bwp-title" }, bar, body);
  const floats = el("div", { class: "floats", "aria-hidden": "true" });
  root.append(floats, panel);
  // A constructed sheet: a site's Content-Security-Policy (style-src) does not apply to it, as it would to a <style>.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.prepend(el("style", {}, PANEL_CSS));
  }

  const say = (text: string) => (problem.textContent = text);
  const answered = (reply: PanelReply | null) => {
    say(reply?.ok ? "" : (reply?.message ?? "The extension did not answer: try again."));
    return Boolean(reply?.ok);
  };

  // ---- The chat and the shield ----
  function renderChat(): void {
    if (!model) return;
    const at = viewerNow(model.viewer, Date.now());
    if (at) memory = rememberPoint(memory, at);
    const shown = shieldMessages({ messages: model.messages, me: model.me.userId, at, memory, shieldOn, revealed });
    const keep = new Set(shown.map((s) => s.message.id));
    for (const [id, item] of rendered) {
      if (keep.has(id)) continue;
      item.remove();
      rendered.delete(id);
    }
    let added = false;
    shown.forEach(({ message, hidden }, index) => {
      let item = rendered.get(message.id);
      // In show order (a late message slots in where it belongs); the log only ever gains or changes one item at a time.
      if (item && log.children[index] !== item) log.insertBefore(item, log.children[index] ?? null);
      const state = hidden ?? "shown";
      if (item?.dataset.state === state) return;
      const fresh = !item;
      item ??= el("li");
      item.dataset.state = state;
      const who = el("span", { class: "who" }, message.senderName);
      const when = el("span", { class: "when" }, `E${message.episode} ${formatTimecode(message.positionMs)}`);
      if (hidden) {
        const reveal = el("button", { type: "button", class: "small" }, "Reveal");
        reveal.addEventListener("click", () => {
          revealed.add(message.id);
          renderChat();
        });
        const why = hidden === "ahead" ? "Written further on than your player: shown when you get there." : "Marked as a spoiler.";
        item.replaceChildren(who, " ", when, el("span", { class: "hidden-text" }, ` ${why} `), reveal);
      } else item.replaceChildren(who, " ", when, el("span", { class: "text" }, message.text));
      if (fresh) {
        rendered.set(message.id, item);
        log.insertBefore(item, log.children[index] ?? null);
        added = true;
      }
    });
    const hiddenCount = shown.filter((s) => s.hidden === "ahead").length;
    const where = at ? `E${at.episode} ${formatTimecode(at.positionMs)}` : "the party's time";
    const source = model.viewer?.fromPlayer ? "your player" : "the party clock";
    shieldButton.textContent = shieldOn ? "🛡 Shield on" : "🛡 Shield off";
    shieldButton.setAttribute("aria-pressed", String(shieldOn));
    shieldText.textContent = shieldOn ? (hiddenCount > 0 ? `Hiding ${hiddenCount} past ${where} (${source}).` : `Hides messages past ${where} (${source}).`) : "Every message shows.";
    if (added) logBox.scrollTop = logBox.scrollHeight;
  }

  // ---- Who is here, and the last clock change ----
  function renderPeople(): void {
    if (!model) return;
    const here = model.presence.filter((p) => p.connected);
    people.replaceChildren(
      ...here.slice(0, 12).map((p) =>
        el("li", {}, el("span", { class: "who" }, `${p.name}${p.userId === model!.me.userId ? " (you)" : ""}`), " ", el("span", { class: p.inSync ? "sync ok" : "sync" }, driftLabel(p))),
      ),
      ...(here.length > 12 ? [el("li", {}, `and ${here.length - 12} more`)] : []),
    );
    // Live regions are told only what changed.
    if (action.textContent !== (model.lastAction ?? "")) action.textContent = model.lastAction ?? "";
    title.textContent = model.title;
    input.disabled = model.me.muted;
    input.placeholder = model.me.muted ? "A host muted you: you can read, not write" : "Say something";
  }

  // ---- Trivia ----
  function renderTrivia(): void {
    const round = model?.round;
    const question = round?.question;
    if (!model || !round || !question || (round.phase !== "question" && round.phase !== "reveal")) {
      trivia.hidden = true;
      shownQuestion = "";
      return;
    }
    trivia.hidden = false;
    const you = model.you?.roundId === round.roundId && model.you.index === round.index ? model.you : null;
    // Answers open when the question's read time ends (the server's clock): until then, the question only.
    const opensIn = (round.opensAt ?? 0) - (Date.now() + model.serverOffsetMs);
    const open = round.phase === "question" && opensIn <= 0;
    const key = `${round.roundId}:${round.index}:${round.phase}:${open}:${you?.answered}:${you?.last?.points}`;
    if (key === shownQuestion) return;
    const sameQuestion = shownQuestion.startsWith(`${round.roundId}:${round.index}:`);
    shownQuestion = key;
    if (!sameQuestion) orders.round = [];
    const heading = el("h3", {}, `Trivia ${round.index + 1}/${round.total}`);
    const prompt = el("p", { class: "prompt" }, question.prompt);
    const send = async (raw: Parameters<typeof panelAnswer>[1]) => {
      const answer = panelAnswer(question, raw);
      if (!answer) return say("Choose or type an answer first.");
      answered(await ask({ type: "panel-answer", roundId: round.roundId, questionIndex: round.index, answer }));
    };
    const choices: Node[] = [];
    if (round.phase === "reveal") {
      const last = you?.last;
      choices.push(el("p", { class: "result", role: "status" }, !last || !last.answered ? "No answer this time." : last.correct ? `Right: +${last.points} points.` : "Not this time."));
    } else if (you?.answered) {
      choices.push(el("p", { class: "result", role: "status" }, "Answered: the answer shows when the question closes."));
    } else if (you && !you.canAnswer) {
      choices.push(el("p", {}, "You watch this round."));
    } else if (!open) {
      choices.push(el("p", {}, "Read the question: answers open in a moment."));
      setTimeout(renderTrivia, opensIn + 50);
    } else {
      choices.push(answerControls(question, send, "round"));
    }
    trivia.replaceChildren(heading, prompt, ...choices);
  }

  /** The controls that answer a question (a round's or a pinned one's); `id` names the text field. */
  function answerControls(question: PublicQuestion, send: (raw: Parameters<typeof panelAnswer>[1]) => unknown, which: keyof typeof orders): Node {
    const id = which === "round" ? "bwp-answer" : "bwp-moment-answer";
    if (question.kind === "choice" || question.kind === "truefalse") {
      const options = question.kind === "choice" ? question.options : ["True", "False"];
      const group = el("div", { class: "choices", role: "group", "aria-label": "Answers" });
      options.forEach((text, i) => {
        const button = el("button", { type: "button" }, text);
        button.addEventListener("click", () => void send(question.kind === "choice" ? { option: i } : { value: i === 0 }));
        group.append(button);
      });
      return group;
    }
    if (question.kind === "order") {
      const group = el("div", { class: "choices", role: "group", "aria-label": "Put these in order: press each in turn" });
      question.items.forEach((text, i) => {
        const order = orders[which];
        const placed = order.indexOf(i);
        const button = el("button", { type: "button", "aria-pressed": String(placed >= 0) }, placed >= 0 ? `${placed + 1}. ${text}` : text);
        button.addEventListener("click", () => {
          const next = placed >= 0 ? order.filter((j) => j !== i) : [...order, i];
          orders[which] = next;
          // Draw again, keeping the question (an emptied key would count as a new question and drop the order so far).
          if (which === "round") {
            shownQuestion += ":redraw";
            renderTrivia();
          } else {
            shownMoment += ":redraw";
            renderMoment();
          }
          if (next.length === question.items.length) void send({ order: next });
        });
        group.append(button);
      });
      return group;
    }
    const field = el("input", { id, type: "text", autocomplete: "off", inputmode: question.kind === "number" ? "decimal" : "text" });
    const answerForm = el("form", { class: "send", "aria-label": "Answer" }, el("label", { for: id }, question.kind === "number" ? `Your number${question.unit ? ` (${question.unit})` : ""}` : "Your answer"), field, el("button", { type: "submit" }, "Answer"));
    answerForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void send(question.kind === "number" ? { number: field.value } : { text: field.value });
    });
    return answerForm;
  }

  // ---- A question pinned to this moment of the episode: asked when the viewer's own player gets there ----
  function renderMoment(): void {
    const asked = model ? currentMoment(model.asked, Date.now() + model.serverOffsetMs) : null;
    const moment = asked ? model?.moments.find((m) => m.pinId === asked.pinId) : undefined;
    if (!model || !asked || !moment) {
      momentBox.hidden = true;
      shownMoment = "";
      return;
    }
    const open = asked.result === null && Date.now() + model.serverOffsetMs < asked.closesAt;
    const key = `${asked.pinId}:${open}:${asked.result?.points}`;
    if (key === shownMoment) return;
    if (!shownMoment.startsWith(`${asked.pinId}:`)) orders.moment = [];
    shownMoment = key;
    momentBox.hidden = false;
    const heading = el("h3", {}, `At ${formatTimecode(moment.positionMs)}`);
    const prompt = el("p", { class: "prompt" }, moment.question.prompt);
    const send = async (raw: Parameters<typeof panelAnswer>[1]) => {
      const answer = panelAnswer(moment.question, raw);
      if (!answer) return say("Choose or type an answer first.");
      answered(await ask({ type: "panel-moment-answer", pinId: moment.pinId, answer }));
    };
    const result = asked.result;
    const body = result
      ? el("p", { class: "result", role: "status" }, result.correct ? `Right: +${result.points} points.` : "Not this time.")
      : open
        ? answerControls(moment.question, send, "moment")
        : el("p", { class: "result", role: "status" }, "Time is up for this question.");
    momentBox.replaceChildren(heading, prompt, body);
  }

  function render(): void {
    if (!model) return void host.remove();
    if (!host.isConnected) placeHost();
    renderPeople();
    renderChat();
    renderTrivia();
    renderMoment();
  }

  // ---- Reactions float over the video ----
  function float(emoji: string): void {
    const videos = adapterFor(new URL(location.href))
      .findVideos(document)
      .map((v) => v.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .sort((a, b) => b.width * b.height - a.width * a.height);
    const box = videos[0] ?? { left: 0, top: 0, width: innerWidth, height: innerHeight };
    const bubble = el("span", { class: "float" }, emoji);
    bubble.style.left = `${box.left + box.width * (0.15 + Math.random() * 0.7)}px`;
    bubble.style.top = `${box.top + box.height * 0.8}px`;
    floats.append(bubble);
    setTimeout(() => bubble.remove(), 2600);
  }

  // ---- Moving, collapsing, fullscreen ----
  function placeHost(): void {
    // Fullscreen: inside the fullscreen element, where the site's player allows children (not a bare <video> or a frame).
    const full = document.fullscreenElement;
    const parent = full && !(full instanceof HTMLVideoElement) && !(full instanceof HTMLIFrameElement) ? full : document.documentElement;
    if (host.parentNode !== parent) parent.append(host);
  }
  let moved = false;
  function moveBy(dx: number, dy: number): void {
    moved = true;
    const box = host.getBoundingClientRect();
    const left = Math.min(Math.max(0, box.left + dx), Math.max(0, innerWidth - box.width));
    const top = Math.min(Math.max(0, box.top + dy), Math.max(0, innerHeight - 40));
    for (const [side, value] of [["left", `${left}px`], ["top", `${top}px`], ["right", "auto"], ["bottom", "auto"]]) host.style.setProperty(side!, value!, "important");
  }
  move.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? MOVE_STEP * 4 : MOVE_STEP;
    const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[event.key];
    if (!delta) return;
    event.preventDefault();
    moveBy(delta[0]!, delta[1]!);
  });
  let dragFrom: { x: number; y: number } | null = null;
  bar.addEventListener("pointerdown", (event) => {
    if (event.target instanceof HTMLButtonElement && event.target !== move) return;
    dragFrom = { x: event.clientX, y: event.clientY };
    bar.setPointerCapture(event.pointerId);
  });
  bar.addEventListener("pointermove", (event) => {
    if (!dragFrom) return;
    moveBy(event.clientX - dragFrom.x, event.clientY - dragFrom.y);
    dragFrom = { x: event.clientX, y: event.clientY };
  });
  bar.addEventListener("pointerup", () => (dragFrom = null));
  collapse.addEventListener("click", () => {
    const open = body.hidden;
    body.hidden = !open;
    collapse.setAttribute("aria-expanded", String(open));
    collapse.setAttribute("aria-label", open ? "Hide the party" : "Show the party");
    collapse.textContent = open ? "▾" : "▴";
  });
  document.addEventListener("fullscreenchange", placeHost);
  // A narrower window (or a phone turned) keeps a moved panel on screen.
  const keepOnScreen = () => moved && moveBy(0, 0);
  addEventListener("resize", keepOnScreen);

  // ---- Sending ----
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.disabled = true;
    void ask({ type: "panel-chat", clientId: clientId(), text: text.slice(0, MAX_MESSAGE) }).then((reply) => {
      input.disabled = Boolean(model?.me.muted);
      if (answered(reply)) input.value = "";
      input.focus();
    });
  });
  reactions.addEventListener("click", (event) => {
    const emoji = (event.target as HTMLElement).closest("button")?.dataset.emoji;
    if (emoji && isReaction(emoji)) void ask({ type: "panel-react", emoji }).then(answered);
  });
  shieldButton.addEventListener("click", () => {
    shieldOn = !shieldOn;
    renderChat();
  });

  // ---- From the worker ----
  function onEvent(event: PanelEvent): void {
    if (event.kind === "reaction") return float(event.emoji);
    model = applyPanelEvent(model, event);
    render();
  }
  const listener = (message: PanelPush | { type: "stop" }) => {
    if (message.type === "panel-event") onEvent(message.event);
    else if (message.type === "stop") stop();
    return false;
  };
  function stop(): void {
    clearInterval(timer);
    chrome.runtime.onMessage.removeListener(listener);
    document.removeEventListener("fullscreenchange", placeHost);
    removeEventListener("resize", keepOnScreen);
    host.remove();
    delete (window as Marked).__ballardPanel;
  }
  chrome.runtime.onMessage.addListener(listener);
  // The shield follows the player between its readings (a message becomes readable when the player gets there).
  const timer = setInterval(() => {
    renderChat();
    renderMoment();
  }, 1000);
  void ask({ type: "panel-hello" }).then((reply) => {
    if (reply?.ok && reply.model) onEvent({ kind: "model", model: reply.model });
  });
}

start();
