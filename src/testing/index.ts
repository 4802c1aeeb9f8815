// The `rxllm/testing` entry point: helpers for testing code that uses rxllm. Explicit exports only.

// --- simulator ------------------------------------------------------------------------------------

// --- fake model and marble helpers ----------------------------------------------------------------
