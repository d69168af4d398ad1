/**
 * `npm run extension:build`: bundles the extension (esbuild) into
 * extension/dist/chrome and extension/dist/firefox, unpacked, and zips each
 * for a store (fflate). EXTENSION_APP_ORIGIN names the app it belongs to
 * (default http://localhost:3000).
 */
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { zipSync } from "fflate";
import { iconPng } from "./icon";
import { extensionManifest, ICON_SIZES } from "./manifest";

const HERE = import.meta.dirname;
const ENTRIES = ["background", "app-bridge", "player", "popup"] as const;
const STATIC = ["popup.html", "popup.css"] as const;

export async function buildExtension(options: { appOrigin: string; outDir: string; zip?: boolean }): Promise<{ chrome: string; firefox: string }> {
  const appOrigin = new URL(options.appOrigin).origin;
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
      define: { __APP_ORIGIN__: JSON.stringify(appOrigin) },
      logLevel: "warning",
    });
    for (const file of STATIC) await copyFile(path.join(HERE, "src", file), path.join(dir, file));
    for (const size of ICON_SIZES) await writeFile(path.join(dir, `icon-${size}.png`), iconPng(size));
    await writeFile(path.join(dir, "manifest.json"), `${JSON.stringify(extensionManifest({ appOrigin, version, browser }), null, 2)}\n`);
    if (options.zip !== false) {
      const files: Record<string, Uint8Array> = {};
      for (const name of await readdir(dir)) files[name] = new Uint8Array(await readFile(path.join(dir, name)));
      await writeFile(path.join(options.outDir, `ballard-watch-party-${browser}-${version}.zip`), zipSync(files, { level: 9 }));
    }
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(HERE, "build.ts")) {
  const appOrigin = process.env.EXTENSION_APP_ORIGIN ?? "http://localhost:3000";
  const outDir = path.join(HERE, "dist");
  const built = await buildExtension({ appOrigin, outDir });
  console.log(`Built the extension for ${appOrigin}: ${built.chrome} and ${built.firefox}, zips in ${outDir}`);
}
