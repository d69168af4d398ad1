import type { SiteAdapter } from "./adapter";
import { genericAdapter } from "./generic";

/**
 * Site adapters first, one file each (adapter.ts says what one does), the
 * generic one last: it matches every page.
 */
export const ADAPTERS: readonly SiteAdapter[] = [genericAdapter];

export function adapterFor(url: URL): SiteAdapter {
  return ADAPTERS.find((a) => a.matches(url)) ?? genericAdapter;
}
