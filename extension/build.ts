/**
 * `npm run extension:build`: bundles the extension (esbuild) into
 * extension/dist/chrome and extension/dist/firefox, unpacked, and zips each
 * for a store (fflate). EXTENSION_APP_ORIGIN names the app it belongs to
 * (default http://localhost:3000).
 */
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { zipSync } from "fflate";
import { iconPng } from "./icon";
import { extensionManifest, ICON_SIZES, originPattern } from "./manifest";

const HERE = import.meta.dirname;
const ENTRIES = ["background", "app-bridge", "player", "panel", "popup"] as const;
const STATIC = ["popup.html", "popup.css"] as const;

/**
 * engine.io-client (under socket.io-client) finds the global object with
 * `Function("return this")()` when neither `self` nor `window` exists, which
 * never happens in an extension (a service worker has `self`, pages `window`);
 * stores' linters flag it as eval. The unreachable branch is replaced by
 * `globalThis` at bundling time (docs/extension.md).
 */
const noFunctionConstructor: Plugin = {
  name: "no-function-constructor",
  setup(on) {
    on.onLoad({ filter: /engine\.io-client[\\/]build[\\/]esm[\\/]globals\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const patched = source.replace('Function("return this")()', "globalThis");
      if (patched === source) throw new Error(`engine.io-client changed: ${args.path} no longer holds Function("return this")(); check the bundle for eval`);
      return { contents: patched, loader: "js" };
    });
  },
};

export async function buildExtension(options: {
  appOrigin: string;
  outDir: string;
  zip?: boolean;
  /** Browser tests only: origins granted as if the viewer had allowed them, and the test hook (a page may ask to sync its own tab). */
  extraHosts?: string[];
  testHooks?: boolean;
}): Promise<{ chrome: string; firefox: string }> {
  const appOrigin = new URL(options.appOrigin).origin;
  if (options.zip !== false && (options.testHooks || options.extraHosts?.length)) throw new Error("A test build (extra hosts, test hooks) is never zipped for a store.");
  const { version } = JSON.parse(await readFile(path.join(HERE, "..", "package.json"), "utf8")) as { version: string };
  const out = { chrome: path.join(options.outDir, "chrome"), firefox: path.join(options.outDir, "firefox") };
  await rm(options.outDir, { recursive: true, force: true });
  for (const [browser, dir] of Object.entries(out) as Array<["chrome" | "firefox", string]>) {
    await mkdir(dir, { recursive: true });
    await build({
      entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, path.join(HERE, "src", `${name}.ts`)])),
      outdir: dir,
      bundle: true,
      format: "iife",
      platform: "browser",
      target: browser === "chrome" ? "chrome120" : "firefox128",
      // Readable code: stores review it, and nothing here is secret.
      minify: false,
      legalComments: "inline",
      define: { __APP_ORIGIN__: JSON.stringify(appOrigin), __APP_PATTERN__: JSON.stringify(originPattern(appOrigin, browser)), __BROWSER__: JSON.stringify(browser), __TEST_HOOKS__: JSON.stringify(options.testHooks === true) },
      logLevel: "warning",
      plugins: [noFunctionConstructor],
    });
    for (const file of STATIC) await copyFile(path.join(HERE, "src", file), path.join(dir, file));
    for (const size of ICON_SIZES) await writeFile(path.join(dir, `icon-${size}.png`), iconPng(size));
    await writeFile(path.join(dir, "manifest.json"), `${JSON.stringify(extensionManifest({ appOrigin, version, browser, extraHosts: options.extraHosts }), null, 2)}\n`);
    if (options.zip !== false) {
      const files: Record<string, Uint8Array> = {};
      for (const name of await readdir(dir)) files[name] = new Uint8Array(await readFile(path.join(dir, name)));
      await writeFile(path.join(options.outDir, `ballard-watch-party-${browser}-${version}.zip`), zipSync(files, { level: 9 }));
    }
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(HERE, "build.ts")) {
  // A store zip names the app it talks to: never the development default by accident.
  const explicit = process.env.EXTENSION_APP_ORIGIN;
  const appOrigin = explicit ?? "http://localhost:3000";
  const outDir = path.join(HERE, "dist");
  const built = await buildExtension({ appOrigin, outDir, zip: Boolean(explicit) });
  console.log(`Built the extension for ${appOrigin}: ${built.chrome} and ${built.firefox}`);
  if (explicit) console.log(`Store zips in ${outDir}`);
  else {
    console.error("No store zip: EXTENSION_APP_ORIGIN is not set (the unpacked build talks to http://localhost:3000). Set it to the app's origin to build the zips.");
    if (process.argv.includes("--store")) process.exit(1);
  }
}
