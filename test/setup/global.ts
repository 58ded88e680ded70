// Global test setup: builds nothing, starts nothing by default. Services that a
// test family needs (Redis, Chromium, Jupyter) are started by that family's own
// setup helpers under test/support/, so a unit test run stays fast.
export default function setup(): void {
  process.env.DRLWB_TEST = "1";
}
