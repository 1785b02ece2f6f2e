// Loads the built-in example resumes and job descriptions (GET /items, GET /items/{id}).
import { useEffect, useState } from "react";
import { apiClient, type ApiClient } from "../../../lib/api-client";
import type { ItemSummary } from "../../../types/api";

/** The example list, with null while loading and an empty list when it could not be loaded. */
export interface ExamplesState {
  items: ItemSummary[] | null;
  failed: boolean;
}

/** Fetches the example list once on mount. */
export function useExamples(client: ApiClient = apiClient): ExamplesState {
  const [state, setState] = useState<ExamplesState>({ items: null, failed: false });
  useEffect(() => {
    const controller = new AbortController();
    client
      .listItems({ signal: controller.signal })
      .then((items) => setState({ items: Array.isArray(items) ? items : [], failed: false }))
      .catch(() => {
        // The page stays usable without examples; the panel says they could not be loaded.
        if (!controller.signal.aborted) setState({ items: [], failed: true });
      });
    return () => controller.abort();
  }, [client]);
  return state;
}
