/// <reference types="chrome" />
/**
 * Every <video> under a root, through shadow roots, recursively: open ones,
 * and closed ones where the browser lets an extension see them (Chrome's
 * chrome.dom.openOrClosedShadowRoot, Firefox's element.openOrClosedShadowRoot
 * in content scripts).
 */
type WithClosedRoot = Element & { openOrClosedShadowRoot?: ShadowRoot | null };

function shadowOf(element: Element): ShadowRoot | null {
  if (element.shadowRoot) return element.shadowRoot;
  const gecko = (element as WithClosedRoot).openOrClosedShadowRoot;
  if (gecko) return gecko;
  const dom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?(e: HTMLElement): ShadowRoot | null } } }).chrome?.dom;
  if (dom?.openOrClosedShadowRoot && element instanceof HTMLElement) {
    try {
      return dom.openOrClosedShadowRoot(element);
    } catch {
      return null;
    }
  }
  return null;
}

export function deepVideos(root: Document | ShadowRoot, found: HTMLVideoElement[] = [], depth = 0): HTMLVideoElement[] {
  if (depth > 32) return found;
  found.push(...root.querySelectorAll("video"));
  for (const element of root.querySelectorAll("*")) {
    const shadow = shadowOf(element);
    if (shadow) deepVideos(shadow, found, depth + 1);
  }
  return found;
}

/** The element's ancestors, crossing shadow roots to their hosts. */
export function* ancestorsOf(element: Element): Generator<Element> {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) yield node;
    const parent: Node | null = node.parentNode;
    node = parent instanceof ShadowRoot ? parent.host : parent;
  }
}
