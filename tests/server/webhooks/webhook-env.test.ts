/**
 * QMS_WEBHOOK_URL and QMS_WEBHOOK_SECRET (decision 0043): the webhook set from the
 * environment over a hall config without one, delivered signed to a local receiver that
 * checks the HMAC; bad values stop the start.
 */
import { afterAll, describe, expect, it } from "vitest";
import { optionsFromEnv, type RunningHall } from "../../../server/main.ts";
import { client, login, startTestHall } from "../../helpers/hall.ts";
import { newSecret, type Receiver, startReceiver } from "../../helpers/webhook.ts";

let h: RunningHall | undefined;
let rx: Receiver | undefined;

afterAll(async () => {
  await h?.stop();
  await rx?.close();
});

describe("the webhook from the environment", () => {
  it("reads both variables", () => {
    const o = optionsFromEnv({
      QMS_WEBHOOK_URL: "https://mot-cua.example/hook",
      QMS_WEBHOOK_SECRET: "whsec_x",
    });
    expect(o).toMatchObject({ webhookUrl: "https://mot-cua.example/hook", webhookSecret: "whsec_x" });
  });

  it("refuses to start with a malformed secret or URL", async () => {
    await expect(
      startTestHall({ webhookUrl: "http://127.0.0.1:1/h", webhookSecret: "hunter2" }),
    ).rejects.toThrow("QMS_WEBHOOK_SECRET");
    await expect(startTestHall({ webhookUrl: "ftp://x", webhookSecret: newSecret() })).rejects.toThrow(
      "QMS_WEBHOOK_URL",
    );
  });

  it("delivers visit.finished, signed with the secret from the environment", async () => {
    const secret = newSecret();
    rx = await startReceiver(secret);
    h = await startTestHall({ webhookUrl: rx.url, webhookSecret: secret });
    const officer = client(h.url, await login(h.url, "canbo1"));
    expect((await officer("POST", "/api/counters/1/open")).status).toBe(200);
    const t = await client(h.url)("POST", "/api/tickets", { serviceId: "ho-tich" });
    for (const a of ["call-next", "start", "finish"])
      expect((await officer("POST", `/api/counters/1/${a}`)).status).toBe(200);
    // The message waits for the rating (webhook.waitForRating); a rating releases it.
    expect(
      (await client(h.url)("POST", `/api/tickets/${t.body.ticket.code}/rating`, { score: 4 })).status,
    ).toBe(201);
    await expect.poll(() => rx!.accepted().length, { timeout: 10_000 }).toBe(1);
    expect(rx.received.every((r) => r.refused === null)).toBe(true);
    expect(rx.accepted()[0]!.body).toMatchObject({
      type: "visit.finished",
      data: { visit: { number: t.body.ticket.number, rating: 4 } },
    });
  });
});
