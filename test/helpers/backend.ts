/**
 * The real reference backend started for the browser tests (see web-test-runner.config.mjs): sample catalog,
 * its own SQLite file, on another origin than the test page.
 */
export interface TestBackend {
  /** Base URL of the backend, e.g. `http://127.0.0.1:41234` (the API is below `/api/v1`). */
  endpoint: string;
  /** The sample tenant used by default. */
  tenant: string;
}

export async function testBackend(): Promise<TestBackend> {
  const response = await fetch('/__ozg-backend.json');
  if (!response.ok) throw new Error(`The test backend is not running (${response.status})`);
  return (await response.json()) as TestBackend;
}
