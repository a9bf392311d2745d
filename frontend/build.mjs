// Copies the built USWDS distribution from node_modules into assets/uswds/, which Django's
// staticfiles serves (STATICFILES_DIRS). Nothing is loaded from a CDN at run time.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packageDir = join(root, "node_modules", "@uswds", "uswds");
const dist = join(packageDir, "dist");
const target = join(root, "assets", "uswds");

if (!existsSync(dist)) {
  console.error(`USWDS is not installed (${dist} is missing): run "npm ci" first.`);
  process.exit(1);
}
const uswdsPackage = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
rmSync(target, { recursive: true, force: true });
for (const part of ["css", "js", "fonts", "img"]) {
  cpSync(join(dist, part), join(target, part), { recursive: true });
}
writeFileSync(join(target, "VERSION"), `${uswdsPackage.version}\n`);
console.log(`USWDS ${uswdsPackage.version} copied to ${target}`);
