// Test environment setup: unmount rendered trees between tests.
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
});

// The machine running the suite may be busy compiling; give async queries room.
configure({ asyncUtilTimeout: 4000 });
