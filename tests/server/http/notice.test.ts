/** `PUT /api/hall/notice`: the display board's scrolling line, set by managers and admins. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { call, login } from "./hall-fixture.ts";

let hall: TestApp;
beforeAll(async () => {
  hall = await createTestApp();
});
afterAll(async () => {
  await hall?.stop();
});

const notice = { vi: "Chiều nay trung tâm làm việc đến 16:00", en: "Open until 16:00 this afternoon" };

describe("PUT /api/hall/notice", () => {
  it("lets a manager set the notice, shown in GET /api/hall and the retained hall/state", async () => {
    const token = await login(hall, "quanly");
    const r = await call(hall, "PUT", "/api/hall/notice", token, { notice });
    expect(r.status).toBe(200);
    expect(r.body.notice).toEqual(notice);
    expect((await call(hall, "GET", "/api/hall")).body.notice).toEqual(notice);

    // What a board subscribing now would get (the retained state goes out within 100 ms).
    await expect.poll(() => hall.link.retainedJson(hall.topics.hallState)?.notice).toEqual(notice);
  });

  it("clears the notice with null or blank texts", async () => {
    const token = await login(hall, "admin");
    expect((await call(hall, "PUT", "/api/hall/notice", token, { notice: null })).body.notice).toBeNull();
    await call(hall, "PUT", "/api/hall/notice", token, { notice });
    const r = await call(hall, "PUT", "/api/hall/notice", token, { notice: { vi: "  ", en: "" } });
    expect(r.body.notice).toBeNull();
    expect((await call(hall, "GET", "/api/hall")).body.notice).toBeNull();
  });

  it("refuses officers, anonymous callers and malformed bodies with stable codes", async () => {
    const officer = await login(hall, "canbo1");
    const admin = await login(hall, "admin");
    expect((await call(hall, "PUT", "/api/hall/notice", officer, { notice })).body.error.code).toBe(
      "forbidden",
    );
    expect((await call(hall, "PUT", "/api/hall/notice", null, { notice })).status).toBe(401);
    for (const body of [{}, { notice: "text" }, { notice: { vi: "x".repeat(501), en: "" } }, "{not json"]) {
      const r = await call(hall, "PUT", "/api/hall/notice", admin, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(["invalid-request", "invalid-json"]).toContain(r.body.error.code);
    }
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = (await call(hall, "GET", "/api/openapi.json")).body;
    expect(doc.paths["/api/hall/notice"].put.requestBody).toBeDefined();
  });
});
