// Reports the gzipped size of the production JavaScript in web/dist and enforces the budget.
// Usage: node tools/bundle-size.mjs   (after npm run build); exits 1 when over budget.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 250 * 1024;
const assets = join(import.meta.dirname, "..", "dist", "assets");

let totalRaw = 0;
let totalGzip = 0;
for (const name of readdirSync(assets).sort()) {
  if (!name.endsWith(".js") && !name.endsWith(".css")) continue;
  const bytes = readFileSync(join(assets, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  console.log(`${name}: ${(bytes.length / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzipped`);
  if (name.endsWith(".js")) {
    totalRaw += bytes.length;
    totalGzip += gz;
  }
}
const verdict = totalGzip <= BUDGET_BYTES ? "within" : "OVER";
console.log(
  `bundle: JavaScript ${(totalRaw / 1024).toFixed(1)} KiB raw, ${(totalGzip / 1024).toFixed(1)} KiB gzipped; ` +
    `${verdict} the ${BUDGET_BYTES / 1024} KiB budget`,
);
process.exit(totalGzip <= BUDGET_BYTES ? 0 : 1);
