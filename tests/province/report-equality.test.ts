/** Report equality (tests/province/report-equality.ts) on PGlite, the one-command default. */
import { rmSync } from "node:fs";
import { freshStore } from "./pglite.ts";
import { reportEqualitySuite } from "./report-equality.ts";

reportEqualitySuite("PGlite", async () => {
  const { store, dataDir } = await freshStore();
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
