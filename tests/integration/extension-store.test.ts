import { spawnSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import linter from "addons-linter";
import { describe, expect, it } from "vitest";
import { buildExtension } from "@/extension/build";

/**
 * Store readiness (docs/extension.md): the Firefox build passes Mozilla's
 * addons-linter with no error and no warning, declares what it collects, and
 * no store zip is built without an explicit app origin.
 */
describe("the extension is ready for the stores", () => {
  it("passes addons-linter with no errors or warnings, and declares its data collection", async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), "bwp-store-"));
    const built = await buildExtension({ appOrigin: "https://watch.example.org", outDir });
    const manifest = JSON.parse(await readFile(path.join(built.firefox, "manifest.json"), "utf8"));
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ["websiteActivity", "personalCommunications"] });
    expect(manifest.host_permissions).toEqual(["https://watch.example.org/*"]);
    const instance = linter.createInstance({
      config: { _: [path.join(outDir, `ballard-watch-party-firefox-${manifest.version}.zip`)], logLevel: "fatal", stack: false, pretty: false, warningsAsErrors: false, metadata: false, output: "none", boring: false, selfHosted: false },
      runAsBinary: false,
    });
    const result = await instance.run();
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => `${w.code}: ${w.message}`)).toEqual([]);
    // The bundled Socket.IO client's Function("return this") is not in the bundle (extension/build.ts).
    expect(await readFile(path.join(built.firefox, "background.js"), "utf8")).not.toContain("Function(");
  }, 120_000);

  it("refuses a store zip without an explicit app origin, and zips no test build", async () => {
    const env = { ...process.env };
    delete env.EXTENSION_APP_ORIGIN;
    const run = spawnSync("npx", ["tsx", "extension/build.ts", "--store"], { env, encoding: "utf8", cwd: path.resolve(import.meta.dirname, "../..") });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("EXTENSION_APP_ORIGIN is not set");
    const outDir = await mkdtemp(path.join(os.tmpdir(), "bwp-store-"));
    await expect(buildExtension({ appOrigin: "http://localhost:3000", outDir, extraHosts: ["http://127.0.0.1:1"] })).rejects.toThrow(/never zipped/);
  }, 120_000);
});
