import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { HTML_SIGNATURE, reportOnData, statementPath, teamPath, renderHtmlSite, writeTree } from "../src/index.js";
import { fixtureData, fixturePlan } from "./helpers/fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`skipping the browser test: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)("HTML report in headless Chromium", () => {
  it("renders a statement's figures, escapes a hostile name, and needs no network", async () => {
    const { chromium } = await import("playwright-core");
    const ir = fixturePlan("base");
    const { model } = await reportOnData(ir, fixtureData(), { periods: null, from: null, to: "2026-Q2" }, { toDate: null, acceptances: { file: "acceptances.jsonl", text: null } });
    const site = mkdtempSync(join(tmpdir(), "carrot-site-"));
    expect(writeTree(site, renderHtmlSite(model), HTML_SIGNATURE)).toEqual({ ok: true });
    const profile = mkdtempSync(join(tmpdir(), "carrot-chromium-"));
    // A fresh profile folder per run (playwright takes it as the persistent context's user data dir).
    const browser = await chromium.launchPersistentContext(profile, {
      headless: true,
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url());
      });
      const dialogs: string[] = [];
      page.on("dialog", async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });

      // a1 (hand-computed): Q1 Cardio 700 + Oncology 125 + SPIF 50 = 875; Q2 Cardio 200; total 1,075.00.
      await page.goto(pathToFileURL(join(site, statementPath("a1"))).href);
      expect(await page.locator('[data-figure="payable"]').innerText()).toBe("1,075.00");
      expect(await page.locator('[data-figure="line:commission:Cardio"]').innerText()).toBe("900.00");
      expect(await page.locator('[data-figure="attainment:revenue(Cardio)"]').innerText()).toBe("80.0%");
      expect(await page.locator('[data-figure="acceptance"]').innerText()).toMatch(/^NOT ACCEPTED/);
      // Q2: 4,000 of a 10,000 Cardio quota; the 10% band starts at 10,000 → 6,000 EUR more.
      expect(await page.locator('[data-figure="next:commission:Cardio"]').innerText()).toMatch(/6,000\.00 EUR more to reach 100% band: 10%/);
      expect(await page.locator("svg").count()).toBeGreaterThan(0);
      const shots = join(tmpdir(), "carrot-review-screenshots");
      mkdirSync(shots, { recursive: true });
      const shot = join(shots, "statement-a1.png");
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
      console.log(`statement screenshot: ${shot}`);

      // c1's name is `<script>alert(1)</script>`: shown as text, never run.
      await page.goto(pathToFileURL(join(site, statementPath("c1"))).href);
      expect(await page.locator("h1").innerText()).toContain("<script>alert(1)</script>");
      await page.goto(pathToFileURL(join(site, "index.html")).href);
      expect(await page.locator('[data-figure="total-payable"]').innerText()).toBe("2,477.50");
      await page.goto(pathToFileURL(join(site, teamPath("m1"))).href);
      expect(await page.locator('[data-figure="team-payable"]').innerText()).toBe("2,275.00");
      expect(await page.locator('[data-figure="manager-payable"]').innerText()).toBe("202.50");
      await page.goto(pathToFileURL(join(site, "finance.html")).href);
      expect(await page.locator('[data-figure="finance-payable"]').innerText()).toBe("2,477.50");
      expect(await page.locator('[data-figure="region:South"]').innerText()).toBe("1,200.00");

      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
