// The fixed TurbineX job the benchmark server sends for GET /jobs/:id (bench/lib/fixed-server.mjs),
// shared with the arms that answer it from memory.
export const JOB = JSON.stringify({
  id: "job_01HZX3K9Q2M4N6P8R0T2V4X6Z8",
  name: "IEA-15MW yaw sweep 12 m/s",
  status: "succeeded",
  created_at: "2026-04-13T02:40:00Z",
  updated_at: "2026-04-13T02:52:11Z",
  started_at: "2026-04-13T02:40:05Z",
  finished_at: "2026-04-13T02:52:11Z",
  progress: 1,
  input_sha256: "9f2c1a7be0d44c31a3b5f6e7d8c9b0a1f2e3d4c5b6a79880716253443526170f",
  turbine_id: "trb_iea15",
  study_id: "std_yaw",
  error: null,
  output_size_bytes: 48_213_004,
});
