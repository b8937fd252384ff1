// Bundle the theme's JavaScript: `npm ci && node build.mjs` in js/.
//
// 1. type-check src/ with tsc (our own code is // @ts-check JavaScript);
// 2. bundle and minify with esbuild, nothing loaded from a CDN at run time;
// 3. stamp each bundle's first line with the sha256 of its inputs (the lock
//    file, package.json, tsconfig.json, this script and src/), which
//    tests/test_theme_assets.py recomputes without Node to prove the committed
//    bundles are current.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const top = dirname(here);
const extensionStatic = join(top, "sphinx_glossterm", "html", "static");
const themeStatic = join(top, "sphinx_glossterm", "html", "theme", "glossterm", "static");

/** Files whose content decides the bundles, relative to js/, in a fixed order. */
function inputs() {
  const sources = readdirSync(join(here, "src")).filter((name) => !name.startsWith(".")).sort().map((name) => `src/${name}`);
  return ["build.mjs", "package-lock.json", "package.json", "tsconfig.json", ...sources];
}

/** sha256 over "path\0content\0" of every input. */
function stamp() {
  const hash = createHash("sha256");
  for (const name of inputs()) {
    hash.update(name + "\0");
    hash.update(readFileSync(join(here, name)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

if (!process.argv.includes("--no-check")) {
  execFileSync(join(here, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", here], { stdio: "inherit" });
}

const digest = stamp();
const bundles = [
  ["src/core.js", join(extensionStatic, "glossterm-core.js")],
  ["src/theme.js", join(themeStatic, "glossterm-theme.js")],
  ["src/graph.js", join(themeStatic, "glossterm-graph.js")],
];
for (const [entry, outfile] of bundles) {
  await esbuild.build({
    entryPoints: [join(here, entry)],
    outfile,
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    legalComments: "eof",
    charset: "utf8",
    banner: { js: `/*! glossterm bundle sha256:${digest} from js/${entry}; rebuild with: cd js && npm ci && node build.mjs */` },
  });
  console.log(`wrote ${outfile}`);
}
