/**
 * Report equality (tests/province/report-equality.ts) on a real PostgreSQL server (Debian
 * `postgresql`, initdb in a temp folder; fails, never skips, when it is missing).
 */
import { ProvinceStore } from "../../province/store/store.ts";
import { startPostgres } from "../helpers/postgres.ts";
import { reportEqualitySuite } from "./report-equality.ts";

reportEqualitySuite("a PostgreSQL server", async () => {
  const pg = await startPostgres();
  const store = await ProvinceStore.open({ databaseUrl: pg.url });
  return {
    store,
    close: async () => {
      await store.close();
      pg.stop();
    },
  };
});
