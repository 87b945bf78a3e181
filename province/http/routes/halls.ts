/**
 * The halls of the province:
 *   GET   /api/halls              (staff) every hall with its live figures and today's totals
 *   POST  /api/halls              (admin) a new hall; its credential `id:secret` is in the answer, once
 *   PATCH /api/halls/{id}         (admin) name, area, disabled
 *   POST  /api/halls/{id}/secret  (admin) a new secret (the old one stops working)
 *   GET   /api/refusals           (admin) the latest refused uplink batches
 */
import { Hono } from "hono";
import { z } from "zod";
import type { ProvinceHalls } from "../../../server/contract/province.ts";
import { ID_PATTERN } from "../../../server/contract/topics.ts";
import { ApiError } from "../../../server/http/errors.ts";
import { isoVn } from "../../../server/queue/time.ts";
import { PROVINCE_LOGIN } from "../../mqtt/acl.ts";
import type { StaffEnv } from "../auth.ts";
import { readJson } from "../body.ts";
import type { ProvinceDeps } from "../deps.ts";

const text = z.object({ vi: z.string().min(1).max(200), en: z.string().min(1).max(200) });
export const CreateHallBody = z.object({
  id: z
    .string()
    .regex(ID_PATTERN, "lowercase ASCII id: [a-z0-9-]")
    .refine((s) => s !== PROVINCE_LOGIN, "reserved"),
  name: text.optional(),
  area: z.string().min(1).max(120).nullable().optional(),
});
const UpdateHallBody = z.object({
  name: text.optional(),
  area: z.string().min(1).max(120).nullable().optional(),
  disabled: z.boolean().optional(),
});

export function hallRoutes(d: ProvinceDeps) {
  const app = new Hono<StaffEnv>();

  app.get("/", d.auth.require(), (c) => {
    const body: ProvinceHalls = {
      targetMin: d.targetMin,
      generatedAt: isoVn(d.now()),
      halls: d.wall.snapshot().halls,
    };
    return c.json(body);
  });

  app.post("/", d.auth.require("admin"), async (c) => {
    const b = await readJson(c, CreateHallBody);
    const secret = await d.store.halls.create({ id: b.id, name: b.name, area: b.area ?? null }, d.now());
    if (secret === null) throw new ApiError("hall-exists");
    await d.wall.hallsChanged();
    d.log(`hall ${b.id} added`);
    return c.json(
      { hall: d.wall.snapshot().halls.find((h) => h.id === b.id), credential: `${b.id}:${secret}` },
      201,
    );
  });

  app.patch("/:id", d.auth.require("admin"), async (c) => {
    const b = await readJson(c, UpdateHallBody);
    if (!(await d.store.halls.update(c.req.param("id"), b))) throw new ApiError("hall-not-found");
    await d.wall.hallsChanged();
    return c.json({ hall: d.wall.snapshot().halls.find((h) => h.id === c.req.param("id")) });
  });

  app.post("/:id/secret", d.auth.require("admin"), async (c) => {
    const id = c.req.param("id");
    const secret = await d.store.halls.resetSecret(id);
    if (secret === null) throw new ApiError("hall-not-found");
    d.log(`hall ${id}: new secret`);
    return c.json({ credential: `${id}:${secret}` });
  });

  return app;
}

export function refusalRoutes(d: ProvinceDeps) {
  const app = new Hono<StaffEnv>();
  app.get("/", d.auth.require("admin"), async (c) => {
    const rows = await d.store.staff.refusals(100);
    return c.json({ refusals: rows.map((r) => ({ ...r, at: isoVn(r.at) })) });
  });
  return app;
}
