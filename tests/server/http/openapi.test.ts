/**
 * `/api/openapi.json` is generated from the route declarations (server/contract/api/):
 * it is a valid OpenAPI 3.1 document, it documents every endpoint of CONTRACT.md and
 * every implemented route with real response schemas (not prose), each error code a route
 * answers with comes with an example, and the security schemes are there. In process.
 */
import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiRoute } from "../../../server/contract/api/define.ts";
import { API_ROUTES } from "../../../server/contract/api/index.ts";
import { ERRORS } from "../../../server/contract/errors.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { call } from "./hall-fixture.ts";

type Op = {
  security?: unknown;
  description?: string;
  "x-roles"?: string[];
  parameters?: { name: string; in: string; schema?: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema?: object; examples?: Record<string, unknown> }> }
  >;
};
// biome-ignore lint/suspicious/noExplicitAny: the document is checked by the validator first
let doc: any;
let hall: TestApp;
beforeAll(async () => {
  hall = await createTestApp();
  doc = (await call(hall, "GET", "/api/openapi.json")).body;
});
afterAll(async () => {
  await hall?.stop();
});
const op = (method: string, path: string): Op => doc.paths[path]?.[method];

/** The endpoints of shared/CONTRACT.md "HTTP" (the table, one row per operation). */
const CONTRACT = [
  "get /api/health",
  "get /api/services",
  "post /api/tickets",
  "get /api/tickets/{code}",
  "post /api/tickets/{code}/rating",
  "post /api/auth/login",
  "post /api/users",
  "post /api/counters/{n}/open",
  "post /api/counters/{n}/call-next",
  "post /api/counters/{n}/recall",
  "post /api/counters/{n}/no-show",
  "post /api/counters/{n}/start",
  "post /api/counters/{n}/finish",
  "post /api/counters/{n}/transfer",
  "post /api/counters/{n}/close",
  "get /api/hall",
  "get /api/events",
  "get /api/reports/waits",
];

describe("the OpenAPI document", () => {
  it("validates as OpenAPI 3.1 (schema and references)", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const checked = await SwaggerParser.validate(structuredClone(doc));
    expect(Object.keys(checked.paths ?? {}).length).toBeGreaterThanOrEqual(30);
  });

  it("documents each implemented route, and every endpoint of CONTRACT.md", () => {
    const documented = Object.entries(doc.paths as Record<string, Record<string, Op>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    const declaredRoutes = (Object.values(API_ROUTES) as ApiRoute[]).map((r) => `${r.method} ${r.path}`);
    expect(documented.sort()).toEqual(declaredRoutes.sort());
    for (const e of CONTRACT) expect(documented, e).toContain(e);
  });

  it("gives every success answer with a body a real schema, not prose", () => {
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Op>>))
      for (const [method, o] of Object.entries(ops))
        for (const [status, res] of Object.entries(o.responses)) {
          if (status === "204") {
            expect(res.content, `${method} ${path} 204`).toBeUndefined();
            continue;
          }
          const [media, content] = Object.entries(res.content ?? {})[0] ?? [];
          expect(content?.schema, `${method} ${path} ${status}`).toBeDefined();
          if (media === "application/json" && Number(status) < 300) {
            const s = content!.schema as { $ref?: string; properties?: object };
            expect(s.$ref ?? s.properties, `${method} ${path} ${status} is an untyped object`).toBeDefined();
          }
        }
    const ticket = doc.components.schemas.Ticket;
    expect(Object.keys(ticket.properties)).toEqual(
      expect.arrayContaining([
        "id",
        "code",
        "number",
        "serviceId",
        "priority",
        "status",
        "issuedAt",
        "statusUrl",
      ]),
    );
    expect(ticket.required).toEqual(
      expect.arrayContaining([
        "id",
        "code",
        "number",
        "serviceId",
        "priority",
        "status",
        "issuedAt",
        "statusUrl",
      ]),
    );
    expect(
      op("post", "/api/counters/{n}/call-next").responses["200"]!.content!["application/json"]!.schema,
    ).toEqual({
      type: "object",
      properties: { ticket: { $ref: "#/components/schemas/Ticket" } },
      required: ["ticket"],
    });
  });

  it("lists each route's error codes by status, each with an example body in the contract's shape", () => {
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Op>>))
      for (const [method, o] of Object.entries(ops))
        for (const [status, res] of Object.entries(o.responses)) {
          if (Number(status) < 400) continue;
          const codes = res.description.split(" | ");
          const examples = res.content!["application/json"]!.examples!;
          expect(Object.keys(examples), `${method} ${path} ${status}`).toEqual(codes);
          for (const code of codes) {
            expect(ERRORS[code as keyof typeof ERRORS]?.status, `${code} under ${status}`).toBe(
              Number(status),
            );
            expect(examples[code]).toEqual({
              value: { error: { code, message: ERRORS[code as keyof typeof ERRORS].vi } },
            });
          }
        }
    const issue = op("post", "/api/tickets").responses;
    expect(issue["404"]!.description).toBe("service-not-found");
    expect(issue["422"]!.description.split(" | ")).toEqual([
      "invalid-priority",
      "invalid-dossier-code",
      "invalid-cccd",
    ]);
    expect(issue["409"]!.description.split(" | ")).toContain("hall-closed");
    expect(issue["409"]!.description.split(" | ")).toContain("cccd-already-issued");
    expect(issue["429"]!.description).toBe("too-many-requests");
    expect(issue["400"]!.description).toBe("invalid-json | invalid-request | unknown-field");
    expect(op("post", "/api/counters/{n}/call-next").responses["403"]!.description).toContain(
      "not-your-counter",
    );
  });

  it("declares who may call staff routes (security schemes, roles, the 'Who' line)", () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearer", "cookie", "device"]);
    expect(op("post", "/api/counters/{n}/rating").security).toEqual([{ device: [] }]);
    expect(op("get", "/api/users").security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(op("get", "/api/users")["x-roles"]).toEqual(["admin"]);
    expect(op("get", "/api/reports/waits").description).toMatch(/^Who: manager or admin\./);
    expect(op("post", "/api/tickets").security).toBeUndefined();
  });

  it("documents path ids, bodies and queries from the same schemas that validate them", () => {
    const n = op("post", "/api/counters/{n}/call-next").parameters!.find((p) => p.name === "n")!;
    expect(n).toMatchObject({ in: "path", schema: { type: "string", pattern: "^[1-9][0-9]{0,3}$" } });
    const body = op("post", "/api/tickets").requestBody!.content["application/json"]!.schema as {
      additionalProperties?: boolean;
      required?: string[];
    };
    expect(body).toMatchObject({ additionalProperties: false, required: ["serviceId"] });
    const q = op("get", "/api/reports/waits")
      .parameters!.filter((p) => p.in === "query")
      .map((p) => p.name);
    expect(q.sort()).toEqual(["format", "from", "groupBy", "lang", "preset", "to"]);
  });
});
